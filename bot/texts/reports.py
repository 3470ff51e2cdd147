"""Report-back: the ✅ button, reports in words (by content), evidence, undo. HTML parse mode.
"""

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
