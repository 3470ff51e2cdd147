"""What officers and strangers read: the commands, registration, help, the week, search, pushes, bad input.
HTML parse mode: placeholders are filled with escaped values.
"""

# ---------------------------------------------------------------------------- commands (setMyCommands)

OFFICER_COMMANDS = [
    ("tuannay", "Tuần này phát gì"),
    ("chualam", "Công văn chưa thực hiện"),
    ("baocao", "Báo cáo đã thực hiện"),
    ("timkiem", "Tìm công văn"),
    ("huy", "Hủy báo cáo vừa gửi"),
    ("trogiup", "Hướng dẫn sử dụng"),
]


# ---------------------------------------------------------------------------- strangers and registration

STRANGER = (
    "Xin chào! Đây là <b>Loa Xã</b> — kênh nhận công văn tuyên truyền cho Đài truyền thanh xã.\n\n"
    "Để sử dụng, anh/chị cần <b>mã mời</b> do Phòng Văn hóa – Xã hội hoặc Sở cấp. "
    "Hãy mở đường dẫn mời, hoặc gửi mã cho bot (ví dụ: <code>/start AB12CD34EF</code>)."
)
INVITE_UNKNOWN = "Mã mời không đúng. Anh/chị kiểm tra lại mã, hoặc liên hệ người quản trị để được cấp mã mới."
INVITE_USED = "Mã mời này đã được dùng. Mỗi mã chỉ dùng được một lần — anh/chị vui lòng xin mã mới."
INVITE_EXPIRED = "Mã mời đã hết hạn. Anh/chị vui lòng xin người quản trị cấp mã mới."
REGISTERED = "✅ Đăng ký thành công! Anh/chị là cán bộ của <b>{unit}</b>.\n\n{help}"
REGISTERED_ADMIN = "✅ Đăng ký thành công! Anh/chị là <b>quản trị viên</b> ({unit}).\n\n{help}"
ALREADY_REGISTERED = "Anh/chị đã đăng ký cho <b>{unit}</b>. Nhắn “tuần này phát gì” để xem việc cần làm."
WELCOME_BACK = "Chào mừng anh/chị quay lại, <b>{unit}</b>. Nhắn “tuần này phát gì” để xem việc cần làm."
WELCOME_BACK_ADMIN = "Chào mừng anh/chị quay lại. Gõ /trogiup để xem các lệnh quản trị."
REGISTER_PRIVATE_ONLY = (
    "Vui lòng đăng ký trong tin nhắn riêng với bot (bấm vào tên bot rồi gửi mã), không gửi mã trong nhóm."
)
MOVE_ASK = (
    "Anh/chị đang là cán bộ của <b>{current}</b>. Mã mời này dành cho <b>{unit}</b>.\n"
    "Anh/chị có muốn chuyển sang <b>{unit}</b> không? Các báo cáo đã gửi cho {current} vẫn được giữ nguyên."
)
BUTTON_MOVE = "Chuyển sang {unit}"
BUTTON_STAY = "Giữ nguyên"
MOVE_KEPT = "Đã giữ nguyên đơn vị hiện tại của anh/chị."
MOVED = "✅ Anh/chị đã chuyển sang <b>{unit}</b>. Từ nay mọi báo cáo và “tuần này phát gì” là của {unit}."
ADMIN_ONLY = "Chức năng này chỉ dành cho quản trị viên."
INACTIVE = "Tài khoản của anh/chị đang tạm ngừng. Vui lòng liên hệ người quản trị."

# ---------------------------------------------------------------------------- help and small talk

HELP = (
    "<b>Loa Xã — hướng dẫn nhanh</b>\n\n"
    "📢 Xem việc tuần này: nhắn <i>tuần này phát gì</i> hoặc /tuannay\n"
    "⏳ Việc chưa làm: <i>còn gì chưa làm</i> hoặc /chualam\n"
    "✅ Báo cáo: bấm nút <b>Đã thực hiện</b> dưới công văn, trả lời công văn bằng <i>đã thực hiện</i>, "
    "hoặc nhắn <i>đã phát 3 buổi</i> (có thể gửi kèm ảnh hoặc ghi âm làm minh chứng)\n"
    "↩️ Báo nhầm: nhắn <i>hủy báo cáo</i> hoặc /huy (trong 24 giờ)\n"
    "🔎 Tìm công văn: nhắn từ khóa, ví dụ <i>phòng cháy rừng</i>, <i>nghị quyết 67</i>\n\n"
    "Có thể nhắn không dấu, ví dụ: <i>da thuc hien</i>, <i>tuan nay phat gi</i>."
)
GREETING = "Xin chào {name}! Anh/chị cần gì cứ nhắn cho bot, ví dụ “tuần này phát gì” hoặc “đã thực hiện”."
THANKS = "Dạ, bot luôn sẵn sàng hỗ trợ anh/chị."

# ---------------------------------------------------------------------------- week, pending, detail

WEEK_HEADER = "📢 <b>Tuyên truyền tuần này</b> ({start} – {end})\n{unit}"
WEEK_HEADER_NEXT = "📢 <b>Tuyên truyền tuần sau</b> ({start} – {end})\n{unit}"
WEEK_HEADER_LAST = "📢 <b>Tuyên truyền tuần trước</b> ({start} – {end})\n{unit}"
WEEK_NONE = "Tuần này chưa có nội dung tuyên truyền mới cho {unit}."
WEEK_UPCOMING = "Sắp tới:"
WEEK_RECENT = "Gần đây nhất:"
WEEK_NOTHING_AT_ALL = "Hiện chưa có công văn nào được giao cho {unit}."
PENDING_HEADER = "⏳ <b>Công văn chưa thực hiện</b> — {unit}"
PENDING_NONE = "🎉 {unit} đã thực hiện tất cả công văn được giao. Cảm ơn anh/chị!"
ITEM = "{icon} <b>{number}</b> — {subject}"
ITEM_TOPIC = "   • {title}"
ITEM_MORE_TOPICS = "   • … và {n} nội dung khác"
ITEM_PERIOD = "   🗓 Phát: {period}"
ITEM_DUE = "   ⏰ Hạn báo cáo: {due}"
ITEM_OVERDUE = "   ⚠️ Quá hạn báo cáo: {due}"
ITEM_DONE_BY = "   ✅ {name} đã báo cáo lúc {time}"
NO_NUMBER = "Công văn chưa ghi số"
STATUS_DONE = "✅"
STATUS_PENDING = "⏳"
BUTTON_FULL = "📄 Toàn văn"
BUTTON_FULL_N = "📄 {n}"
BUTTON_DONE = "✅ Đã thực hiện"
BUTTON_DONE_N = "✅ {n}"
BUTTON_BULLETIN = "📻 Bản tin"
BUTTON_BULLETIN_DOCX = "🖨 Bản tin (.docx)"
BUTTON_ALL = "✅ Tất cả ({n})"
BUTTON_PREV = "◀ Trang trước"
BUTTON_NEXT = "Trang sau ▶"
PAGE_NOTE = "<i>Trang {page}</i>"
DETAIL_HEADER = "📄 <b>{number}</b>\nCơ quan ban hành: {issuer}\nNgày: {date}\nV/v {subject}"
DETAIL_PERIOD = "Thời gian phát: {period}"
DETAIL_DUE = "Hạn báo cáo: {due}"
DETAIL_TOPICS = "<b>Nội dung tuyên truyền</b>"
DETAIL_TOPIC = "<b>{ordinal}. {title}</b>\n{body}"
DETAIL_SIGNER = "Người ký: {signer}"
DETAIL_NOT_FOUND = "Không tìm thấy công văn này. Có thể công văn đã bị thu hồi."
UNKNOWN = "không rõ"

BULLETIN_HEADER = "📻 <b>Bản tin</b> — đọc khoảng {duration}\n<i>{title}</i>"
BULLETIN_FULL = "<b>Bản đầy đủ</b> (khoảng {duration}):"
BULLETIN_DOCX_CAPTION = "🖨 Bản tin để in và đọc trên loa."
RADIO_SECONDS = "{s} giây"
RADIO_MINUTES = "{m} phút"
RADIO_MINUTES_SECONDS = "{m} phút {s} giây"

# ---------------------------------------------------------------------------- search

SEARCH_PROMPT = (
    "Anh/chị muốn tìm công văn gì? Nhắn từ khóa, ví dụ: <i>phòng cháy rừng</i>, <i>nghị quyết 67</i>."
)
SEARCH_HEADER = "🔎 Kết quả cho “{query}”:"
SEARCH_ITEM = "{n}. <b>{number}</b> — {subject}"
SEARCH_ITEM_TOPIC = "   ↳ {topic}"
SEARCH_NONE = (
    "Không tìm thấy công văn nào khớp với “{query}”.\n"
    "Anh/chị thử từ khóa khác (ví dụ <i>phòng cháy rừng</i>, <i>kế hoạch 113</i>), "
    "hoặc nhắn <i>tuần này phát gì</i> để xem việc được giao."
)


# ---------------------------------------------------------------------------- pushes (outbox)

PUSH_DIRECTIVE = "📢 <b>Công văn mới</b> — {unit}\n\n{item}\n\nSau khi phát, bấm <b>Đã thực hiện</b> hoặc trả lời tin này “đã thực hiện”."
PUSH_REMINDER = "⏰ <b>Nhắc báo cáo</b>: {item}\n\n{when} Sau khi phát, bấm <b>Đã thực hiện</b>."
PUSH_REMINDER_TODAY = "Hạn báo cáo là hôm nay."
PUSH_REMINDER_IN_DAYS = "Còn {n} ngày đến hạn báo cáo ({due})."
PUSH_REMINDER_OVERDUE = "Đã quá hạn báo cáo ({due})."
PUSH_REMINDER_NO_DUE = "Công văn không ghi hạn báo cáo."
PUSH_REMINDER_MANY = (
    "⏰ <b>Nhắc báo cáo</b>: {n} công văn chưa báo cáo\n\n{items}\n\nSau khi phát, bấm ✅ tương ứng bên dưới."
)
PUSH_WEEKLY = "📅 <b>Nội dung tuyên truyền tuần này</b> ({start} – {end})\n{unit}"
PUSH_WEEKLY_MORE = "\n\n…và còn nữa. Gõ /tuannay để xem đủ."
PUSH_ADMIN_DIGEST = "📊 <b>Các xã chưa báo cáo</b> (hạn trong {days} ngày tới)\n\n{items}"
PUSH_ADMIN_DIGEST_ITEM = "• <b>{number}</b> (hạn {due}): {n} xã chưa báo cáo — {units}"

# ---------------------------------------------------------------------------- bad input

TOO_LONG = "Tin nhắn quá dài ({n} ký tự). Anh/chị vui lòng nhắn ngắn gọn, tối đa {max} ký tự."
STICKER = "Bot chỉ hiểu tin nhắn chữ. Anh/chị có thể nhắn “tuần này phát gì” hoặc “đã thực hiện”."
UNSUPPORTED_MESSAGE = "Bot chưa xử lý được loại tin nhắn này. Anh/chị vui lòng nhắn bằng chữ."
UNSUPPORTED_FILE = "Bot không nhận tệp “{name}” từ cán bộ xã. Nếu là minh chứng, anh/chị gửi ảnh hoặc ghi âm kèm lời nhắn “đã thực hiện”."
UNKNOWN_COMMAND = "Không có lệnh {command}. Gõ /trogiup để xem các lệnh."
ERROR = "Xin lỗi, hệ thống đang gặp sự cố. Anh/chị vui lòng thử lại sau ít phút."
TRUNCATED = "<i>… (còn nữa, danh sách quá dài)</i>"
EMPTY = "Anh/chị nhắn gì đó để bot hỗ trợ nhé, ví dụ “tuần này phát gì”."
