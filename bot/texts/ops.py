"""Operations: backups, restore, health (plain text for the operator's terminal, unless said otherwise).
"""

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
