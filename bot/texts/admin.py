"""What admins read: statistics, invites, officers, the office's desk (export, scopes, evidence), the
report upward. HTML parse mode, except the `python -m bot officer` lines (plain text).
"""

# The admin commands (setMyCommands for admins), the office's desk among them.
ADMIN_COMMANDS = [
    ("thongke", "Thống kê báo cáo các xã"),
    ("chuabaocao", "Các xã chưa báo cáo"),
    ("xuatbaocao", "Xuất báo cáo Excel"),
    ("moi", "Tạo mã mời cán bộ"),
    ("canbo", "Danh sách cán bộ"),
    ("nhacnho", "Nhắc các xã chưa báo cáo"),
    ("minhchung", "Xem minh chứng các xã gửi"),
    ("ngung", "Ngừng tài khoản một cán bộ"),
    ("kichhoat", "Kích hoạt lại tài khoản cán bộ"),
    ("banthao", "Bản thảo công văn: xem, sửa, phát hành"),  # the publishing desk (issue 12)
]

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


# ---------------------------------------------------------------------------- the office's desk: export, scopes, evidence (issue 13)

HELP_ADMIN = (
    "\n\n<b>Quản trị</b>\n"
    "/thongke [<i>số công văn</i>] — thống kê, tiến độ một công văn;\n"
    "/chuabaocao [<i>số</i>] — xã chưa báo cáo; /nhacnho [<i>số</i>] — nhắc các xã chưa báo cáo;\n"
    "/xuatbaocao [<i>tháng này</i> | <i>01/10/2025 31/10/2025</i> | <i>số</i> | <i>word</i> | <i>csv</i>] — báo cáo Excel/Word;\n"
    "/minhchung <i>số</i> — xem ảnh, ghi âm các xã gửi;\n"
    "/moi <i>tên xã</i> [admin] — mã mời; /canbo — cán bộ; /ngung, /kichhoat <i>tên</i> — ngừng, mở lại tài khoản.\n"
    "Có thể nhắn: <i>thống kê công văn 2345</i>, <i>xã nào chưa báo cáo công văn 113</i>, <i>tiến độ tuần này</i>.\n"
    "Gửi tệp công văn (.docx, .pdf, .txt) để nhập và phát hành."
    "\n/banthao — bản thảo và công văn đã phát hành: xem trước, sửa, phát hành, đính chính, thu hồi."
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
