"""Every user-facing text, in Vietnamese. HTML parse mode: placeholders are filled with escaped values."""

from __future__ import annotations

# ---------------------------------------------------------------------------- commands (setMyCommands)

OFFICER_COMMANDS = [
    ("tuannay", "Tuần này phát gì"),
    ("chualam", "Công văn chưa thực hiện"),
    ("baocao", "Báo cáo đã thực hiện"),
    ("timkiem", "Tìm công văn"),
    ("huy", "Hủy báo cáo vừa gửi"),
    ("trogiup", "Hướng dẫn sử dụng"),
]
ADMIN_COMMANDS = [
    ("thongke", "Thống kê báo cáo các xã"),
    ("chuabaocao", "Các xã chưa báo cáo"),
    ("xuatbaocao", "Xuất báo cáo Excel"),
    ("moi", "Tạo mã mời cán bộ"),
    ("canbo", "Danh sách cán bộ"),
    ("nhacnho", "Nhắc các xã chưa báo cáo"),
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
HELP_ADMIN = (
    "\n\n<b>Quản trị</b>\n"
    "/thongke — thống kê; /chuabaocao — xã chưa báo cáo; /xuatbaocao — tệp Excel;\n"
    "/moi <i>tên xã</i> — tạo mã mời; /canbo — danh sách cán bộ; /nhacnho — nhắc các xã chưa báo cáo.\n"
    "Gửi tệp công văn (.docx, .pdf, .txt) để nhập và phát hành."
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

# ---------------------------------------------------------------------------- report-back

REPORT_OK = "✅ Đã ghi nhận: <b>{unit}</b> đã thực hiện {number}{count}{evidence}. Cảm ơn anh/chị!"
REPORT_OK_MANY = "✅ Đã ghi nhận {n} công văn đã thực hiện{count}{evidence}. Cảm ơn anh/chị!"
REPORT_COUNT = " ({n} buổi)"
REPORT_EVIDENCE = ", kèm minh chứng"
REPORT_ALREADY = "Công văn <b>{number}</b> đã được báo cáo rồi ({name}, lúc {time}). Không cần báo lại."
REPORT_CHOOSE = "Anh/chị báo cáo đã thực hiện công văn nào? Chọn bên dưới:"
REPORT_CHOICE_EXPIRED = "Lựa chọn này đã hết hạn. Anh/chị nhắn lại “đã thực hiện” nhé."
REPORT_NOTHING_PENDING = "{unit} không còn công văn nào chờ báo cáo. Cảm ơn anh/chị!"
REPORT_NO_UNIT = (
    "Tài khoản của anh/chị chưa gắn với xã nào nên chưa báo cáo được. Vui lòng liên hệ quản trị viên."
)
EVIDENCE_ASK = (
    "Bot đã nhận {kind}. Đây là minh chứng cho công văn nào? Chọn bên dưới để báo cáo đã thực hiện:"
)
EVIDENCE_PHOTO = "ảnh"
EVIDENCE_VOICE = "ghi âm"
EVIDENCE_FILE = "tệp"
EVIDENCE_NOTHING = (
    "Bot đã nhận minh chứng, nhưng {unit} không còn công văn nào chờ báo cáo và chưa báo cáo gì hôm nay. "
    "Anh/chị gửi kèm lời nhắn, ví dụ “minh chứng bài Đại hội”."
)
NOT_DONE = (
    "Đã hiểu, bot <b>chưa</b> ghi nhận báo cáo. Khi phát xong, anh/chị nhắn “đã thực hiện” hoặc bấm nút "
    "dưới công văn nhé. Anh/chị có muốn bot nhắc lại không?"
)
BUTTON_REMIND_AFTERNOON = "⏰ Nhắc chiều nay"
BUTTON_REMIND_TOMORROW = "⏰ Nhắc sáng mai"
REMIND_SET = "⏰ Bot sẽ nhắc anh/chị lúc {time}."
REMINDER_SELF = "⏰ Nhắc việc: {unit} còn {n} công văn chưa báo cáo. Nhắn “còn gì chưa làm” để xem."
UNDO_OK = "↩️ Đã hủy báo cáo <b>{number}</b>. Công văn trở lại trạng thái chưa thực hiện."
UNDO_NONE = "Không có báo cáo nào của anh/chị trong 24 giờ qua để hủy."
NOT_YOUR_UNIT = "Anh/chị chỉ báo cáo được cho xã của mình."
BAD_BUTTON = "Nút này không hợp lệ hoặc đã hết hạn."
CALLBACK_OK = "Đã ghi nhận"
CALLBACK_ALREADY = "Đã báo cáo trước đó"

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

# ---------------------------------------------------------------------------- admin

ADMIN_STATS_HEADER = "📊 <b>Thống kê báo cáo</b>"
ADMIN_STATS_ITEM = "• <b>{number}</b> — {subject}\n   ✅ {done}/{total} xã đã báo cáo, ⏳ {pending} chưa{due}"
ADMIN_STATS_DUE = " (hạn {due})"
ADMIN_STATS_NONE = "Chưa có công văn nào được phát hành."
ADMIN_BLOCKED = "⚠️ {n} cán bộ đã chặn bot, không nhận được tin: {names}"
ADMIN_MISSING_HEADER = "⏳ <b>Các xã chưa báo cáo</b>"
ADMIN_MISSING_ITEM = "• <b>{number}</b>: {n} xã — {units}"
ADMIN_MISSING_NONE = "Tất cả các xã đã báo cáo. 🎉"
ADMIN_INVITE = (
    "🔑 Mã mời cho <b>{unit}</b> ({role}): <code>{code}</code>\nĐường dẫn: {link}\nHết hạn: {expires}"
)
ADMIN_INVITE_USAGE = (
    "Cú pháp: /moi <i>tên xã</i>, ví dụ <code>/moi Thất Khê</code>; thêm <i>admin</i> để mời quản trị viên "
    "của xã (<code>/moi Thất Khê admin</code>) hoặc của tỉnh (<code>/moi tỉnh admin</code>)."
)
ADMIN_UNIT_NOT_FOUND = "Không tìm thấy đơn vị “{name}”.{suggest}"
ADMIN_UNIT_SUGGEST = " Có phải: {names}?"
ADMIN_OFFICERS_HEADER = "👥 <b>Cán bộ đã đăng ký</b> ({n})"
ADMIN_OFFICER_ITEM = "• {name} — {unit}{state}"
ADMIN_OFFICER_INACTIVE = " (ngừng nhận tin)"
ADMIN_OFFICERS_NONE = "Chưa có cán bộ nào đăng ký."
ADMIN_IMPORTED_EXISTS = "Công văn này đã có trong hệ thống (<b>{number}</b>, {status})."
ADMIN_IMPORT_FAILED = "Không nhập được tệp “{name}”: {reason}"
ADMIN_FILE_TOO_BIG = "Tệp quá lớn ({mb} MB). Giới hạn là {max} MB."
BUTTON_PUBLISH = "📢 Phát hành tới tất cả"
BUTTON_CANCEL = "✖️ Để sau"
ADMIN_PUBLISH_STARTED = (
    "📢 Đã phát hành <b>{number}</b> tới {units} xã/phường; {queued} tin nhắn đang chờ gửi."
)
ADMIN_PUBLISH_CANCELLED = "Đã lưu công văn, chưa phát hành."
ADMIN_PROGRESS = "📤 Đang gửi <b>{number}</b>: {done}/{total} … ✓ {sent}, ✗ {failed}"
ADMIN_PROGRESS_DONE = "📤 Đã gửi xong <b>{number}</b>: ✓ {sent}/{total}, ✗ {failed}"
ADMIN_PROGRESS_UNREACHED = "\nKhông gửi được tới: {units}"
ADMIN_REMINDED = "⏰ Đã xếp lịch nhắc {officers} cán bộ của {communes} xã/phường còn công văn chưa báo cáo."
ADMIN_REMINDED_UNREACHABLE = "\n{n} xã/phường chưa có cán bộ đăng ký nên không nhắc được."
ADMIN_REMINDED_NONE = "Không có xã/phường nào còn công văn chưa báo cáo."
ADMIN_EXPORT_CAPTION = "📎 Báo cáo kết quả tuyên truyền, lập lúc {time}"
ROLE_OFFICER = "cán bộ"
ROLE_ADMIN = "quản trị viên"

# ---------------------------------------------------------------------------- reports by content (issue 11)

REPORTED_HEADER = "Đã ghi nhận cho <b>{unit}</b>:"
REPORTED_DONE = "✅ {label}: đã thực hiện{count}{evidence}."
REPORTED_MORE = "➕ {label}: thêm{count} — tổng {total} buổi{evidence}."
REPORTED_MORE_NO_COUNT = "➕ {label}: đã ghi nhận thêm{evidence}."
REPORTED_COUNT = "✅ {label}: đã ghi {n} buổi."
REPORTED_NOT_DONE = "⏸ {label}: chưa phát — lý do: {reason}. Đã ghi lại để báo cáo lên trên."
REPORTED_NOT_DONE_NO_REASON = "⏸ {label}: chưa phát. Đã ghi lại; khi phát xong anh/chị báo lại nhé."
REPORTED_ALREADY = "ℹ️ {label}: đã được báo cáo rồi ({name}, lúc {time})."
REPORTED_EVIDENCE = "📎 Đã thêm minh chứng cho {label}."
REPORTED_THANKS = "Cảm ơn anh/chị!"
REPORT_CHOOSE_NOT_DONE = "Anh/chị chưa phát được công văn nào? Chọn bên dưới:"
REPORT_CHOOSE_AMONG = "Anh/chị nói về công văn nào? Chọn bên dưới:"
REPORT_CONFIRM = "Xác nhận anh/chị đã phát:\n{items}"
REPORT_CONFIRM_ITEM = "• {label}{count}"
REPORT_CONFIRM_ALL = "Xác nhận đã thực hiện <b>tất cả {n} công văn</b>:\n{items}"
REPORT_CONFIRM_EVIDENCE = "\n(kèm minh chứng)"
REPORT_CANCELLED = "Đã hủy, bot chưa ghi nhận gì."
BUTTON_CONFIRM = "✅ Đúng, ghi nhận"
BUTTON_NOT_CONFIRM = "✖️ Không"
BUTTON_UNDO = "↩️ Hủy báo cáo"
BUTTON_UNDO_N = "↩️ Hủy {n}"
BUTTON_UNDO_ALL = "↩️ Hủy tất cả"
BUTTON_KEEP = "Giữ nguyên"
UNDO_ASK = "Hủy báo cáo của anh/chị về:\n{items}\n\nBấm nút bên dưới để xác nhận."
UNDO_ASK_ITEM = "• {label}{when}"
UNDO_DONE = "↩️ Đã hủy báo cáo:\n{items}"
UNDO_DONE_ITEM = "• {label} — {state}"
UNDO_STATE_PENDING = "trở lại chưa thực hiện"
UNDO_STATE_DONE = "vẫn đã thực hiện (còn báo cáo khác)"
UNDO_KEPT = "Đã giữ nguyên báo cáo."
UNDO_GONE = "Báo cáo này không còn hủy được (đã hủy, quá 24 giờ, hoặc không phải của anh/chị)."
NUMBER_UNKNOWN = (
    "Không có mục số {n} trong danh sách gần nhất. Anh/chị nhắn lại “tuần này phát gì” để xem danh sách."
)
WRITTEN_REPORT_UNREADABLE = "Bot không đọc được tệp “{name}”: {reason}"

# ---------------------------------------------------------------------------- the office's desk: export, scopes, evidence (issue 13)

ADMIN_COMMANDS = [
    *ADMIN_COMMANDS,
    ("minhchung", "Xem minh chứng các xã gửi"),
    ("ngung", "Ngừng tài khoản một cán bộ"),
    ("kichhoat", "Kích hoạt lại tài khoản cán bộ"),
]
HELP_ADMIN = (
    "\n\n<b>Quản trị</b>\n"
    "/thongke [<i>số công văn</i>] — thống kê, tiến độ một công văn;\n"
    "/chuabaocao [<i>số</i>] — xã chưa báo cáo; /nhacnho [<i>số</i>] — nhắc các xã chưa báo cáo;\n"
    "/xuatbaocao [<i>tháng này</i> | <i>01/10/2025 31/10/2025</i> | <i>số</i> | <i>word</i> | <i>csv</i>] — báo cáo Excel/Word;\n"
    "/minhchung <i>số</i> — xem ảnh, ghi âm các xã gửi;\n"
    "/moi <i>tên xã</i> [admin] — mã mời; /canbo — cán bộ; /ngung, /kichhoat <i>tên</i> — ngừng, mở lại tài khoản.\n"
    "Có thể nhắn: <i>thống kê công văn 2345</i>, <i>xã nào chưa báo cáo công văn 113</i>, <i>tiến độ tuần này</i>.\n"
    "Gửi tệp công văn (.docx, .pdf, .txt) để nhập và phát hành."
)

SCOPE_PROVINCE = "toàn tỉnh"
SCOPE_LINE = "Phạm vi: {scope}\n"
DIRECTIVE_NOT_FOUND = (
    "Không tìm thấy công văn “{query}” trong phạm vi của anh/chị. Gõ /thongke để xem danh sách công văn."
)
DIRECTIVE_AMBIGUOUS = "Có {n} công văn khớp với “{query}”:\n{items}\n\nAnh/chị gõ rõ hơn (số đầy đủ hoặc vài chữ của trích yếu)."
DIRECTIVE_LABEL = "<b>{number}</b> — {subject}"
OUT_OF_SCOPE = {
    "directive": "⛔ Công văn này không thuộc phạm vi quản lý của anh/chị ({scope}).",
    "unit": "⛔ Anh/chị chỉ quản lý {scope}, không làm được việc này cho đơn vị khác.",
    "admin_invite": "⛔ Chỉ quản trị viên cấp tỉnh mới tạo được mã mời quản trị viên.",
    "officer": "⛔ Cán bộ này không thuộc {scope}.",
    "evidence": "⛔ Minh chứng này không thuộc {scope}.",
    "province": "⛔ Việc này chỉ quản trị viên cấp tỉnh làm được.",
}

ADMIN_STATS_MORE = "… và {n} công văn khác. Gõ /thongke <i>số công văn</i> để xem từng công văn."
ADMIN_STATS_OFFICERS = "👥 {with_officers}/{units} xã/phường đã có cán bộ đăng ký."
ADMIN_STATS_HINT = "Gõ /thongke <i>số công văn</i> để xem chi tiết và minh chứng."
PROGRESS_HEAD = "📊 <b>{number}</b> — {subject}\n{scope}✅ {done}/{total} xã/phường đã thực hiện ({rate}){due}"
PROGRESS_DUE = ", hạn báo cáo {due}"
PROGRESS_BROADCASTS = "📻 {n} buổi phát được báo cáo."
PROGRESS_DONE_UNITS = "✅ Đã thực hiện ({n}): {units}"
PROGRESS_NOT_DONE = "❌ Báo không thực hiện ({n}): {units}"
PROGRESS_PENDING = "⏳ Chưa báo cáo ({n}): {units}"
PROGRESS_NO_OFFICER = "👤 Chưa có cán bộ đăng ký ({n}): {units}"
PROGRESS_EVIDENCE = "🖼 {n} minh chứng (ảnh, ghi âm, video, tài liệu) từ {units} xã/phường."
PROGRESS_PERIOD_HEAD = "📈 <b>Tiến độ {period}</b>\n{scope}"
PROGRESS_PERIOD_NONE = "Không có công văn nào đã phát hành {period} trong phạm vi của anh/chị."
BUTTON_EVIDENCE = "🖼 Minh chứng ({n})"
BUTTON_PROGRESS_MISSING = "⏳ Xã chưa báo cáo"
BUTTON_PROGRESS_REMIND = "⏰ Nhắc {n} xã"
BUTTON_PROGRESS_EXPORT = "📊 Xuất Excel"

ADMIN_MISSING_DIRECTIVE = "• <b>{number}</b> — {subject}"
ADMIN_MISSING_UNITS = "   ⏳ {n} xã chưa báo cáo: {units}"
ADMIN_MISSING_NO_OFFICER = "   👤 {n} xã chưa có cán bộ đăng ký: {units}"
ADMIN_MISSING_NOT_DONE = "   ❌ {n} xã báo không thực hiện được: {units}"
ADMIN_MISSING_NONE_FOR = "Tất cả các xã/phường được giao đã báo cáo công văn <b>{number}</b>. 🎉"

ADMIN_REMINDED_DIRECTIVE = (
    "⏰ Đã xếp lịch nhắc {officers} cán bộ của {communes} xã/phường chưa báo cáo công văn <b>{number}</b>."
)
ADMIN_REMINDED_NONE_DIRECTIVE = "Không còn xã/phường nào chưa báo cáo công văn <b>{number}</b>."
ADMIN_REMINDED_ALREADY = "\n{n} cán bộ đã được nhắc trước đó trong hôm nay nên không nhắc lại."
ADMIN_REMINDED_QUIET = "\n🌙 Đang giờ nghỉ: tin nhắc sẽ gửi lúc {time}."

EVIDENCE_KIND_PHOTO = "ảnh"
EVIDENCE_KIND_VOICE = "ghi âm"
EVIDENCE_KIND_AUDIO = "tệp âm thanh"
EVIDENCE_KIND_VIDEO = "video"
EVIDENCE_KIND_DOCUMENT = "tài liệu"
EVIDENCE_CAPTION = "🖼 <b>{number}</b>\n{unit} — {officer}\n🕒 {time} · {kind}"
EVIDENCE_CAPTION_NOTE = "\n“{caption}”"
EVIDENCE_NAV = "🖼 Minh chứng <b>{number}</b>: {unit} — {shown} ({page}/{pages})"
EVIDENCE_NONE = "Chưa có minh chứng nào cho công văn <b>{number}</b>."
EVIDENCE_GONE = "⚠️ Không gửi lại được {kind} của {unit} lúc {time} (tệp không còn trên Telegram)."
EVIDENCE_USAGE = "Cú pháp: /minhchung <i>số công văn</i>, ví dụ <code>/minhchung 2345</code>."

PERIOD_FROM_TO = "từ ngày {start} đến ngày {end}"
PERIOD_FROM = "từ ngày {start}"
PERIOD_TO = "đến ngày {end}"
PERIOD_ALL = "toàn bộ thời gian"

EXPORT_CAPTION = "📎 Báo cáo kết quả tuyên truyền — {period}{directive}\n{units} xã/phường, {directives} công văn; lập lúc {time}."
EXPORT_CAPTION_DIRECTIVE = ", công văn {number}"
EXPORT_EMPTY = "Không có công văn nào đã phát hành {period} trong phạm vi của anh/chị."
EXPORT_BAD_ARGS = (
    "Không hiểu “{args}”. Ví dụ: <code>/xuatbaocao</code>, <code>/xuatbaocao tháng này</code>, "
    "<code>/xuatbaocao 01/10/2025 31/10/2025</code>, <code>/xuatbaocao 2345</code>, <code>/xuatbaocao word</code>."
)
EXPORT_CHOICES = "Xuất báo cáo kỳ khác hoặc bản Word:"
BUTTON_EXPORT_WEEK = "Tuần này"
BUTTON_EXPORT_MONTH = "Tháng này"
BUTTON_EXPORT_LAST_MONTH = "Tháng trước"
BUTTON_EXPORT_DOCX = "📝 Bản Word"

# the report upward (sheets and .docx)
REPORT_NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
REPORT_MOTTO = "Độc lập - Tự do - Hạnh phúc"
REPORT_TITLE = "BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN"
REPORT_SUBTITLE = "trên hệ thống đài truyền thanh cơ sở"
REPORT_DETAIL_TITLE = "CHI TIẾT KẾT QUẢ TUYÊN TRUYỀN THEO XÃ/PHƯỜNG VÀ CÔNG VĂN"
REPORT_PERIOD = "Kỳ báo cáo: {period}"
REPORT_DIRECTIVE = "Công văn: {number} — V/v {subject}"
REPORT_COUNTS = "Gồm {directives} công văn đã phát hành tới {units} xã/phường."
REPORT_PLACE_DATE = "{place}, ngày {day:02d} tháng {month:02d} năm {year}"
REPORT_AGENCY_PROVINCE = ("UBND {province}", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
REPORT_AGENCY_UNIT = ("UBND {unit}", "PHÒNG VĂN HÓA - XÃ HỘI")
REPORT_AGENCY_COUNTRY = ("", "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
REPORT_SUMMARY_HEADERS = [
    "STT",
    "Xã/phường",
    "Cán bộ đăng ký",
    "Công văn được giao",
    "Đã thực hiện",
    "Chưa thực hiện",
    "Tỉ lệ hoàn thành",
    "Số buổi phát",
    "Ghi chú",
]
REPORT_DETAIL_HEADERS = [
    "STT",
    "Xã/phường",
    "Số, ký hiệu công văn",
    "Trích yếu",
    "Hạn báo cáo",
    "Trạng thái",
    "Thời gian báo cáo",
    "Người báo cáo",
    "Số buổi phát",
    "Lý do",
    "Minh chứng",
]
REPORT_DIRECTIVES_HEADERS = ["STT", "Số, ký hiệu", "Trích yếu", "Hạn báo cáo", "Số xã được giao", "Đã thực hiện", "Tỉ lệ"]
REPORT_SECTION_DIRECTIVES = "I. CÁC CÔNG VĂN ĐÃ TRIỂN KHAI"
REPORT_SECTION_UNITS = "II. KẾT QUẢ THEO XÃ/PHƯỜNG"
REPORT_STATUS_DONE = "Đã thực hiện"
REPORT_STATUS_NOT_DONE = "Không thực hiện"
REPORT_STATUS_PENDING = "Chưa báo cáo"
REPORT_STATUS_NO_OFFICER = "Chưa có cán bộ đăng ký"
REPORT_NOTE_NOT_DONE = "{n} công văn báo không thực hiện"
REPORT_TOTAL = "Tổng cộng"
REPORT_TOTAL_NOTE = "{n} xã/phường chưa có cán bộ đăng ký (không tính vào tỉ lệ)"
REPORT_NO_NUMBER = "(chưa ghi số)"
REPORT_SIGN_MAKER = "NGƯỜI LẬP BIỂU"
REPORT_SIGN_MAKER_HINT = "(Ký, ghi rõ họ tên)"
REPORT_SIGN_HEAD = "THỦ TRƯỞNG CƠ QUAN"
REPORT_SIGN_HEAD_HINT = "(Ký tên, đóng dấu)"
REPORT_GENERATED = "Số liệu lập lúc {time} từ hệ thống Loa Xã."
REPORT_LINK_HINT = "Bấm vào ô “Minh chứng” để mở ảnh, ghi âm trong Telegram (chỉ quản trị viên xem được)."

OFFICERS_USAGE = "Cú pháp: /{command} <i>tên cán bộ</i> (hoặc mã Telegram), ví dụ <code>/{command} Nguyễn Văn A</code>."
OFFICER_NOT_FOUND = "Không tìm thấy cán bộ “{query}” trong phạm vi của anh/chị. Gõ /canbo để xem danh sách."
OFFICER_CHOOSE = "Có {n} cán bộ khớp với “{query}”. Chọn người cần {action}:"
OFFICER_ACTION_DEACTIVATE = "ngừng"
OFFICER_ACTION_ACTIVATE = "kích hoạt lại"
OFFICER_BUTTON = "{name} — {unit}"
OFFICER_DEACTIVATED = (
    "⛔ Đã ngừng tài khoản của <b>{name}</b> ({unit}). Từ giờ cán bộ này không nhận tin và không báo cáo được; "
    "gõ /kichhoat {name} để mở lại."
)
OFFICER_ACTIVATED = "✅ Đã kích hoạt lại tài khoản của <b>{name}</b> ({unit})."
OFFICER_ALREADY_INACTIVE = "Tài khoản của <b>{name}</b> ({unit}) đang ngừng rồi."
OFFICER_ALREADY_ACTIVE = "Tài khoản của <b>{name}</b> ({unit}) đang hoạt động."
OFFICER_NOT_SELF = "Anh/chị không thể tự ngừng tài khoản của mình."
OFFICER_PROTECTED = "Không thể ngừng quản trị viên được khai báo trong ADMIN_IDS."
OFFICER_DEACTIVATED_REASON = "ngừng bởi quản trị viên"
ADMIN_OFFICER_ROLE = " ({role})"
ADMIN_OFFICERS_SCOPE = "👥 <b>Cán bộ đã đăng ký</b> — {scope} ({n})"
# `python -m bot officer deactivate|activate` (plain text)
OFFICER_CLI_DEACTIVATED = "Đã ngừng tài khoản của {name} ({unit}, {role}); bot thôi phục vụ ngay."
OFFICER_CLI_ACTIVATED = "Đã kích hoạt lại tài khoản của {name} ({unit}, {role})."
OFFICER_CLI_ALREADY_INACTIVE = "Tài khoản của {name} ({unit}) đang ngừng rồi."
OFFICER_CLI_ALREADY_ACTIVE = "Tài khoản của {name} ({unit}) đang hoạt động."
OFFICER_CLI_NOT_FOUND = "✗ Không tìm thấy cán bộ “{who}”."
OFFICER_CLI_CHOOSE = "✗ Có {n} cán bộ khớp với “{who}”; chạy lại với mã cán bộ (#mã) hoặc mã Telegram:"
OFFICER_CLI_CHOICE = "  #{id}  {name} — {unit} ({role}, Telegram {telegram_id})"
OFFICER_CLI_PROTECTED = "✗ Không thể ngừng quản trị viên được khai báo trong ADMIN_IDS."

# ---------------------------------------------------------------------------- publishing desk: preview, drafts, corrections (issue 12)

ADMIN_COMMANDS = [*ADMIN_COMMANDS, ("banthao", "Bản thảo công văn: xem, sửa, phát hành")]
HELP_ADMIN += "\n/banthao — bản thảo và công văn đã phát hành: xem trước, sửa, phát hành, đính chính, thu hồi."

DESK_PREVIEW_HEAD = "👁 <b>Xem trước</b> — tin cán bộ xã/phường sẽ nhận:"
DESK_PREVIEW_HEAD_PUBLISHED = "👁 Tin cán bộ xã/phường đang thấy (phiên bản {version}):"
DESK_RULE = "━━━━━━━━━━━━"
DESK_PARSED = "<b>Thông tin công văn</b>"
DESK_FIELD_NUMBER = "Số: {value}"
DESK_FIELD_ISSUED = "Ngày ban hành: {value}"
DESK_FIELD_SUBJECT = "Trích yếu: V/v {value}"
DESK_FIELD_PERIOD = "Thời gian phát: {value}"
DESK_FIELD_DUE = "Hạn báo cáo: {value}"
DESK_FIELD_TOPICS = "Nội dung tuyên truyền ({n}):"
DESK_FIELD_TOPIC = "  {ordinal}. {title}"
DESK_FIELD_RECIPIENTS = "Kính gửi (trong văn bản): {value}"
DESK_FIELD_TARGETS_ALL = "Gửi tới: tất cả {n} xã/phường"
DESK_FIELD_TARGETS = "Gửi tới: {n} xã/phường — {names}"
DESK_FIELD_SOURCE = "Tệp: {value}"
DESK_NOT_SET = "chưa có"
DESK_OCR_WARNING = (
    "⚠️ Công văn này được đọc bằng OCR, vui lòng kiểm tra kỹ số, ngày, trích yếu và nội dung trước khi phát hành."
)
DESK_STATUS_DRAFT = "📝 Bản thảo, chưa phát hành. Bấm nút bên dưới để sửa, rồi phát hành ngay hoặc hẹn giờ."
DESK_STATUS_SCHEDULED = "⏰ Bản thảo, sẽ phát hành lúc {time}."
DESK_STATUS_PUBLISHED = (
    "📢 Đã phát hành tới {units} xã/phường, {done} đã báo cáo. Sửa ở đây là <b>đính chính</b>: "
    "cán bộ sẽ nhận một tin đính chính ngắn."
)
DESK_STATUS_CLOSED = "🗑 Đã thu hồi lúc {time}. Các báo cáo đã nhận vẫn được lưu."
DESK_STATUS_NAMES = {"draft": "bản thảo", "published": "đã phát hành", "closed": "đã thu hồi"}

BUTTON_DESK_NUMBER = "🔢 Số"
BUTTON_DESK_SUBJECT = "✏️ Trích yếu"
BUTTON_DESK_TOPICS = "📋 Nội dung"
BUTTON_DESK_PERIOD = "🗓 Thời gian phát"
BUTTON_DESK_DUE = "⏰ Hạn báo cáo"
BUTTON_DESK_TARGETS = "🏘 Nơi nhận"
BUTTON_DESK_PUBLISH = "📢 Phát hành ngay ({n} xã/phường)"
BUTTON_DESK_SCHEDULE = "🕖 Hẹn giờ phát hành"
BUTTON_DESK_UNSCHEDULE = "✖️ Hủy hẹn giờ"
BUTTON_DESK_LATER = "💾 Để sau"
BUTTON_DESK_RECALL = "🗑 Thu hồi"
BUTTON_DESK_OPEN = "👁 Mở"
BUTTON_DESK_OPEN_N = "👁 {n}"
BUTTON_DESK_PUBLISH_N = "📢 Phát hành {n}"
BUTTON_DESK_BACK = "◀ Quay lại"
BUTTON_DESK_CANCEL = "✖️ Thôi"
BUTTON_TOPIC_RENAME = "✏️ {n}"
BUTTON_TOPIC_DROP = "🗑 {n}"
BUTTON_TOPIC_ADD = "➕ Thêm nội dung"
BUTTON_TARGETS_ALL = "🏘 Tất cả xã/phường"
BUTTON_CORRECT_SEND = "📝 Gửi đính chính"
BUTTON_RECALL_CONFIRM = "🗑 Thu hồi công văn"

DESK_ASK_NUMBER = "🔢 Nhập số công văn mới, ví dụ <code>45/KH-UBND</code>."
DESK_ASK_SUBJECT = "✏️ Nhập trích yếu mới (phần sau “V/v”)."
DESK_ASK_PERIOD = (
    "🗓 Nhập thời gian phát, ví dụ <code>01/12 - 15/12</code> hoặc <code>01/12/2026 - 15/12/2026</code>; "
    "nhắn “không” để bỏ."
)
DESK_ASK_DUE = "⏰ Nhập hạn báo cáo, ví dụ <code>10/12</code> hoặc <code>10/12/2026</code>; nhắn “không” để bỏ hạn."
DESK_ASK_TARGETS = (
    "🏘 Gửi tới đâu? Nhắn <b>tất cả</b>, hoặc tên các xã/phường cách nhau bằng dấu phẩy "
    "(ví dụ <code>Thất Khê, Đoàn Kết</code>), hoặc tên một vùng (ví dụ <code>Bình Gia</code>). "
    "Gõ không dấu cũng được."
)
DESK_ASK_TOPIC_RENAME = "✏️ Nhập tên mới cho nội dung {n}: <i>{title}</i>"
DESK_ASK_TOPIC_ADD = "➕ Nhập tên nội dung tuyên truyền cần thêm."
DESK_ASK_SCHEDULE = (
    "🕖 Phát hành lúc nào? Ví dụ <code>07:00 03/12</code>, <code>7h 03/12/2026</code> hoặc <code>7h30</code> (hôm nay/mai)."
)
DESK_ASK_FOOTER = "\n<i>Nhắn /huy để thôi.</i>"
DESK_TOPICS_MENU = "📋 <b>Nội dung tuyên truyền</b> — <b>{number}</b>\n\n{items}\n\nBấm ✏️ để đổi tên, 🗑 để bỏ, ➕ để thêm."
DESK_TOPICS_NONE = "(chưa có nội dung nào)"

DESK_BAD_DATE = (
    "Không đọc được ngày “{text}”. Anh/chị nhập theo dạng <code>dd/mm</code> hoặc <code>dd/mm/yyyy</code>, "
    "ví dụ <code>10/12/2026</code>."
)
DESK_BAD_PERIOD = "Không đọc được thời gian phát “{text}”. Ví dụ: <code>01/12 - 15/12</code>."
DESK_PERIOD_REVERSED = "Ngày kết thúc ({end}) phải sau ngày bắt đầu ({start})."
DESK_BAD_TIME = "Không đọc được thời điểm “{text}”. Ví dụ: <code>07:00 03/12</code>."
DESK_TIME_PAST = "Thời điểm {time} đã qua. Anh/chị chọn một thời điểm sau bây giờ."
DESK_EMPTY = "Chưa có nội dung. Anh/chị nhập lại, hoặc nhắn /huy để thôi."
DESK_TOO_LONG = "Quá dài (tối đa {max} ký tự). Anh/chị nhập ngắn lại."
DESK_UNKNOWN_UNITS = "Không tìm thấy xã/phường: {names}.{suggest} Anh/chị nhập lại."
DESK_SUGGEST = " Có phải: {names}?"
DESK_NOT_FOUND = "Không tìm thấy công văn này, hoặc công văn không thuộc phạm vi của anh/chị."
DESK_CLOSED = "Công văn <b>{number}</b> đã được thu hồi, không sửa hay phát hành được nữa."
DESK_NOT_DRAFT = "Công văn <b>{number}</b> đã được phát hành rồi."
DESK_NOT_PUBLISHED = "Công văn <b>{number}</b> chưa được phát hành."
DESK_NO_TARGETS = "Chưa có xã/phường nào để gửi. Anh/chị bấm “Nơi nhận” để chọn."
DESK_CANCELLED = "Đã thôi, không thay đổi gì."
DESK_EXPIRED = "Thao tác này đã hết hạn. Anh/chị mở lại công văn bằng /banthao."

CHANGE_NUMBER = "Số công văn đổi thành {value}"
CHANGE_SUBJECT = "Trích yếu đổi thành: V/v {value}"
CHANGE_PERIOD = "Thời gian phát đổi thành {value}"
CHANGE_PERIOD_CLEARED = "Bỏ thời gian phát"
CHANGE_DUE = "Hạn báo cáo đổi thành {value}"
CHANGE_DUE_CLEARED = "Bỏ hạn báo cáo"
CHANGE_TOPIC_RENAMED = "Nội dung {n} đổi thành: {value}"
CHANGE_TOPIC_DROPPED = "Bỏ nội dung {n}: {value}"
CHANGE_TOPIC_ADDED = "Thêm nội dung {n}: {value}"
CHANGE_TARGETS_ALL = "Gửi tới tất cả {n} xã/phường"
CHANGE_TARGETS = "Gửi tới {n} xã/phường: {names}"
CHANGE_SCHEDULED = "Hẹn phát hành lúc {time}"
CHANGE_UNSCHEDULED = "Hủy hẹn giờ phát hành"
DESK_CHANGED = "✅ {change}."
DESK_TIME = "{hm} ngày {date}"

DESK_CORRECT_ASK = (
    "📝 Đính chính <b>{number}</b>: {change}.\n"
    "Tin đính chính sẽ gửi tới cán bộ của {units} xã/phường đã nhận công văn. Gửi không?"
)
DESK_CORRECTED = (
    "📝 Đã đính chính <b>{number}</b> (phiên bản {version}): {change}.\n"
    "Tin đính chính đang gửi tới {officers} cán bộ của {units} xã/phường."
)
PUSH_CORRECTION = "📝 <b>Đính chính</b> công văn <b>{number}</b> — {subject}\n\n{change}.\n\nCác nội dung khác giữ nguyên."

DESK_RECALL_ASK = (
    "🗑 Thu hồi công văn <b>{number}</b>?\nCán bộ của {units} xã/phường sẽ được báo; {pending} xã/phường chưa "
    "báo cáo sẽ không phải báo cáo nữa. Các báo cáo đã nhận vẫn được lưu."
)
DESK_RECALLED = (
    "🗑 Đã thu hồi <b>{number}</b>: báo tới {officers} cán bộ của {units} xã/phường; {pending} xã/phường chưa "
    "báo cáo được đóng lại; {done} xã/phường đã báo cáo, các báo cáo vẫn được lưu."
)
PUSH_RECALL = (
    "🗑 <b>Thu hồi công văn</b> <b>{number}</b> — {subject}\n\n"
    "Công văn này đã được thu hồi. Anh/chị không phát nội dung này nữa và không cần báo cáo."
)
RECALLED_REPORT = "Công văn này đã được thu hồi, anh/chị không cần báo cáo nữa. Cảm ơn anh/chị!"

DESK_SCHEDULED = "⏰ Đã hẹn phát hành <b>{number}</b> lúc {time} tới {units} xã/phường."
DESK_UNSCHEDULED = "Đã hủy hẹn giờ. <b>{number}</b> vẫn là bản thảo."
DESK_SCHEDULED_PUBLISHED = (
    "📢 Đã phát hành theo lịch <b>{number}</b> tới {units} xã/phường; {queued} tin nhắn đang chờ gửi."
)
DESK_SAVED = "💾 Đã lưu bản thảo <b>{number}</b>. Gõ /banthao để mở lại và phát hành sau."

DESK_DRAFTS_HEADER = "📝 <b>Bản thảo</b> ({n})"
DESK_DRAFTS_NONE = "Không có bản thảo nào. Gửi tệp công văn (.docx, .pdf, .txt hoặc ảnh chụp) để nhập."
DESK_DRAFT_ITEM = "{n}. <b>{number}</b> — {subject}"
DESK_DRAFT_SCHEDULED = "   ⏰ Hẹn phát hành {time}"
DESK_DRAFT_OCR = "   ⚠️ Đọc bằng OCR, cần kiểm tra"
DESK_RECENT_HEADER = "📢 <b>Đã phát hành gần đây</b> — mở để đính chính hoặc thu hồi"

# ---------------------------------------------------------------------------- operations: health, backups (issue 16)

# The operator's command line (plain text, not HTML): backup, restore, the scheduled backup.
BACKUP_DONE = "Đã sao lưu cơ sở dữ liệu vào {path} ({size}, {seconds:.1f} giây)."
BACKUP_NO_DATABASE = "Không tìm thấy cơ sở dữ liệu SQLite {path}: chưa có gì để sao lưu."
BACKUP_MEMORY = "Cơ sở dữ liệu SQLite trong bộ nhớ (:memory:) không sao lưu được."
BACKUP_NO_PG_DUMP = (
    "Không tìm thấy lệnh pg_dump. Cài gói postgresql-client cùng phiên bản với máy chủ PostgreSQL "
    "(Debian/Ubuntu: sudo apt install postgresql-client), rồi chạy lại."
)
BACKUP_NO_PG_RESTORE = (
    "Không tìm thấy lệnh pg_restore. Cài gói postgresql-client cùng phiên bản với máy chủ PostgreSQL "
    "(Debian/Ubuntu: sudo apt install postgresql-client), rồi chạy lại."
)
BACKUP_TOOL_FAILED = "{tool} báo lỗi (mã {code}): {detail}"
BACKUP_CORRUPT = "Bản sao vừa tạo không qua được kiểm tra toàn vẹn (PRAGMA integrity_check: {detail}); đã hủy."
BACKUP_WRITE_FAILED = "Không ghi được bản sao lưu vào {path}: {detail}"
BACKUP_UNSUPPORTED = "Không sao lưu được loại cơ sở dữ liệu này ({dialect}); chỉ hỗ trợ SQLite và PostgreSQL."
RESTORE_NO_FILE = "Không tìm thấy tệp sao lưu {path}."
RESTORE_NOT_SQLITE = "Tệp {path} không phải bản sao lưu SQLite của Loa Xã."
RESTORE_NOT_PG_DUMP = (
    "Tệp {path} không phải bản sao lưu PostgreSQL của Loa Xã (tạo bằng python -m bot backup, định dạng pg_dump -Fc)."
)
RESTORE_WRONG_KIND = (
    "Tệp {path} là bản sao lưu {found}, còn DATABASE_URL trỏ tới {target}: không khôi phục chéo được. "
    "Hãy khôi phục vào đúng loại cơ sở dữ liệu."
)
RESTORE_CORRUPT = "Bản sao lưu {path} bị hỏng (PRAGMA integrity_check: {detail}); không khôi phục."
RESTORE_NOT_LOAXA = "Tệp {path} không phải cơ sở dữ liệu Loa Xã (không có bảng alembic_version)."
RESTORE_SCHEMA_MISMATCH = (
    "Bản sao lưu chứa schema {found}, còn DATABASE_URL dùng schema {target}. "
    "Hãy đặt ?search_path={found} trong DATABASE_URL hoặc sao lưu lại từ đúng schema."
)
RESTORE_NOT_EMPTY = (
    "Cơ sở dữ liệu đích đã có dữ liệu ({tables}). Khôi phục sẽ XÓA dữ liệu này; "
    "nếu chắc chắn, dừng bot rồi chạy lại với --force."
)
RESTORE_SAFETY_COPY = "Đã lưu dữ liệu cũ vào {path} trước khi ghi đè."
RESTORE_BUSY = (
    "Cơ sở dữ liệu đang được dùng (bot còn chạy?): {detail}. Dừng bot (sudo systemctl stop loaxa) rồi chạy lại."
)
RESTORE_DONE = "Đã khôi phục {path} và cập nhật cấu trúc cơ sở dữ liệu lên phiên bản mới nhất. Dữ liệu: {tables}."
RESTORE_EMPTY_TABLES = "trống"
BACKUP_SCHEDULED = "Sao lưu tự động: {path}"
PORT_UNAVAILABLE = (
    "Không mở được cổng {host}:{port} cho {what}: {reason}. Có chương trình khác đang dùng cổng này? "
    "Đổi {setting} hoặc dừng chương trình đó."
)
WEBHOOK_PATH_RESERVED = "WEBHOOK_URL không được dùng đường dẫn {path} (dành cho /healthz và /metrics)."
WEBHOOK_REGISTER_FAILED = "Telegram không nhận webhook {url}: {reason}"
TABLE_LABELS = {
    "officers": "cán bộ",
    "directives": "công văn",
    "assignments": "lượt giao việc (công văn × xã)",
    "reports": "báo cáo",
    "deliveries": "tin trong hàng đợi gửi",
    "topics": "nội dung tuyên truyền",
    "invite_codes": "mã mời",
    "search_docs": "mục tìm kiếm",
    "evidence": "minh chứng",
    "progress_watches": "theo dõi tiến độ",
}

# ---------------------------------------------------------------------------- command line (issue 17)

# Plain text for the terminal (no HTML). Start-up failures are one line: what to do, in Vietnamese, then
# the English cause for the log in parentheses. None of them ever shows the token.

CLI_STARTING = "Đang khởi động Loa Xã…"
CLI_CHAT_INTRO = (
    "Loa Xã — trò chuyện ngoại tuyến với bot ({who}).\n"
    "Gõ tin nhắn rồi Enter. Gõ số để bấm nút; “> nội dung” để trả lời tin có nút; "
    "“/tep đường/dẫn.docx” để gửi tệp; Ctrl-D để thoát.\n"
    "Tệp bot gửi được lưu trong {files}; nhật ký ghi vào {log}.\n"
)
CLI_CHAT_WHO_ADMIN = "quản trị viên"
CLI_CHAT_WHO_OFFICER = "cán bộ {unit}"
CLI_CHAT_SAVED = "   📎 Đã lưu tệp: {path}"
CLI_CHAT_SAVE_FAILED = "   (không lưu được tệp {name}: {reason})"
CLI_CHAT_NO_FILE = "  (không tìm thấy tệp {path})"
CLI_CHAT_FILE_UNREADABLE = "  (không đọc được tệp {path}: {reason})"
CLI_CHAT_RESET_ASK = "Xóa cơ sở dữ liệu thử nghiệm {path} và bắt đầu lại với các công văn mẫu? [c/K] "
CLI_CHAT_RESET_DONE = "Đã xóa {path}; bắt đầu lại với các công văn mẫu. Các tệp đã lưu trong {files} vẫn giữ nguyên."
CLI_CHAT_RESET_NOTHING = "Chưa có cơ sở dữ liệu thử nghiệm ({path}); bắt đầu với các công văn mẫu."
CLI_CHAT_RESET_KEPT = "Không xóa gì."
CLI_CHAT_WARNINGS = "(Có {n} cảnh báo trong lúc chạy, xem {log})"

CLI_NO_TOKEN = (
    "Chưa có BOT_TOKEN: lấy token từ @BotFather, đặt BOT_TOKEN=… trong .env hoặc biến môi trường rồi chạy lại; "
    "muốn thử ngoại tuyến thì chạy python -m bot chat (BOT_TOKEN is not set)"
)
CLI_BAD_TOKEN = (
    "BOT_TOKEN sai dạng: token @BotFather cấp có dạng 123456789:AAH… (số, dấu hai chấm, 35 ký tự); "
    "kiểm tra dấu cách, dấu ngoặc kép hoặc phần bị cắt khi sao chép (malformed token: {detail})"
)
CLI_TOKEN_REFUSED = (
    "Telegram từ chối BOT_TOKEN: token sai hoặc đã bị thu hồi — lấy token mới từ @BotFather rồi đặt lại "
    "BOT_TOKEN ({cause})"
)
CLI_NO_ROUTE = (
    "Không kết nối được tới máy chủ Bot API {host}: kiểm tra mạng, DNS, tường lửa/proxy "
    "hoặc TELEGRAM_API_BASE ({cause})"
)
CLI_NOT_BOT_API = (
    "TELEGRAM_API_BASE={base} không phải máy chủ Bot API: sửa lại địa chỉ, hoặc bỏ trống để dùng "
    "https://api.telegram.org ({cause})"
)
CLI_BOT_API_ERROR = "Máy chủ Bot API {base} trả lời lỗi khi kiểm tra bot: {description} ({cause})"
CLI_WEBHOOK_REFUSED = (
    "Telegram không nhận WEBHOOK_URL={url}: cần một địa chỉ https:// truy cập được từ Internet, cổng 443, 80, 88 "
    "hoặc 8443 ({cause})"
)
CLI_PORT_TAKEN = (
    "Cổng {port} ({setting}) đang có chương trình khác dùng: dừng chương trình đó hoặc đặt {setting} "
    "sang cổng khác ({cause})"
)
CLI_PORT_DENIED = (
    "Không được phép mở cổng {port} ({setting}): cổng dưới 1024 cần quyền quản trị, hãy dùng cổng khác "
    "({cause})"
)
CLI_PORT_BAD_HOST = "Không mở được cổng {port} trên địa chỉ {host}: kiểm tra {setting} và địa chỉ ({cause})"
CLI_DB_FAILED = "Không mở được cơ sở dữ liệu {url}: {hint} ({cause})"
CLI_DB_HINT_NO_DIR = "thư mục {path} không tồn tại hoặc không tạo được"
CLI_DB_HINT_FILE_IN_PATH = "{path} là một tệp, không phải thư mục"
CLI_DB_HINT_IS_DIR = "{path} là một thư mục, không phải tệp cơ sở dữ liệu"
CLI_DB_HINT_SQLITE = "kiểm tra đường dẫn trong DATABASE_URL và quyền ghi vào thư mục"
CLI_DB_HINT_PG = "kiểm tra máy chủ PostgreSQL đang chạy, địa chỉ, tên người dùng và mật khẩu trong DATABASE_URL"
CLI_DB_HINT_SCHEME = "DATABASE_URL phải có dạng sqlite+aiosqlite:///đường/dẫn.db hoặc postgresql+asyncpg://…"
CLI_BAD_SETTINGS = "Cấu hình không hợp lệ: {names} — sửa trong .env hoặc biến môi trường ({cause})"
CLI_UNEXPECTED = "Lỗi không lường trước ({cause}) — chạy lại với -v để xem chi tiết"
CLI_INTERRUPTED = "Đã dừng."

CLI_FILE_NOT_FOUND = "Không tìm thấy tệp {path}"
CLI_GLOB_NO_MATCH = "Không tìm thấy tệp nào khớp {pattern} (thư mục {folder})"
CLI_GLOB_NO_FOLDER = "Không tìm thấy tệp nào khớp {pattern}: thư mục {folder} không tồn tại"
CLI_WRITE_FAILED = "Không ghi được tệp {path}: {reason} ({cause})"
CLI_WRITE_NO_FOLDER = "thư mục {folder} không tồn tại"
CLI_WRITE_DENIED = "không có quyền ghi"
CLI_WRITE_IS_DIR = "đây là một thư mục"
CLI_NOT_A_FILE = "{path} là một thư mục, không phải tệp"
CLI_UNIT_NOT_FOUND = "✗ Không tìm thấy đơn vị “{name}”.{hint}"
CLI_UNIT_SUGGEST = " Có phải: {names}?"
CLI_UNITS_NOT_FOUND = "✗ Không tìm thấy đơn vị: {names}"
CLI_IMPORTED = "✓ #{id} {number} — {subject} [{tag}]"
CLI_IMPORTED_NEW = "mới"
CLI_IMPORTED_EXISTS = "đã có"
CLI_NO_NUMBER = "(chưa số)"
CLI_PUBLISHED = "  → phát hành tới {units} xã/phường ({assignments} giao mới), {queued} tin nhắn chờ gửi"
CLI_IMPORT_TOTAL = "Tổng: {created} công văn mới, {existing} đã có."
CLI_QUEUED_NOTE = (
    "Tin nhắn chờ gửi đi qua bot: bot đang chạy sẽ gửi trong vài giây; nếu bot chưa chạy, tin sẽ được gửi "
    "khi chạy python -m bot run."
)
CLI_DB_READY = "Cơ sở dữ liệu đã được cập nhật: {url} ({units} xã/phường trong phạm vi)."
CLI_DB_SAMPLES = "Đã nạp {n} công văn mẫu (LOAD_SAMPLES)."
CLI_RUN_SAMPLES_DRAFTS = "Đã nạp {n} công văn mẫu dưới dạng bản thảo (LOAD_SAMPLES): không phát hành tới cán bộ."
CLI_ROLE_OFFICER = "cán bộ"
CLI_ROLE_ADMIN = "quản trị viên"
CLI_INVITE = "Mã mời cho {unit} ({role}): {code}\n{link}\nHết hạn: {expires}"
CLI_INVITE_ALL_NEEDS_FILE = "✗ Với --unit all cần -o TỆP.xlsx (ví dụ: python -m bot invite --unit all -o moi.xlsx)"
CLI_INVITES_WRITTEN = "Đã tạo {n} mã mời ({role}), hết hạn {expires}, ghi vào {path}"
CLI_STATS_HEADER = "Thống kê báo cáo (số xã/phường đã báo cáo / được giao):"
CLI_STATS_ITEM = "#{id} {number} — {subject}: {done}/{total} xã đã báo cáo{due}"
CLI_STATS_DUE = ", hạn {due}"
CLI_STATS_NONE = "Chưa có công văn nào được phát hành."
CLI_EXPORTED = "Đã xuất {n} dòng vào {path}"
CLI_EXPORT_NO_DIRECTIVE = "✗ Không tìm thấy công văn “{query}” đã phát hành (gõ số công văn hoặc mã #, xem python -m bot stats)."
CLI_EXPORT_AMBIGUOUS = "✗ Có nhiều công văn khớp với “{query}”: {choices}. Gõ rõ hơn, hoặc dùng mã #."
CLI_BAD_DAY = "ngày không hợp lệ: {value!r} (viết dd/mm/yyyy, ví dụ 31/01/2026)"
CLI_SEARCH_NONE = "Không tìm thấy công văn phù hợp."
CLI_OUTBOX = "Chờ gửi: {queued}  Đã gửi: {sent}  Lỗi: {failed}  Bỏ: {dead}"
CLI_OUTBOX_RETRIED = "Đã xếp lại {n} tin lỗi để gửi lại."
CLI_BAD_ROLE = "vai trò không hợp lệ: {value!r} (dùng officer/cán bộ hoặc admin/quản trị viên)"
CLI_BAD_LIMIT = "cần một số nguyên dương, không phải {value!r}"
