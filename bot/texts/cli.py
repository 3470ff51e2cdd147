"""The command line: plain text for the terminal (no HTML).
"""

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
