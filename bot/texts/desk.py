"""The publishing desk: preview, edit, drafts, scheduled publishing, correction, recall. HTML parse mode.
"""

# ---------------------------------------------------------------------------- publishing desk: preview, drafts, corrections (issue 12)

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
