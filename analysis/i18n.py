"""Every word the dashboard shows, in Vietnamese and English, in one table.

`t(key, lang)` looks a label up; a missing key is a bug, so it raises.
"""

from __future__ import annotations

LANGS = ("Tiếng Việt", "English")
DEFAULT_LANG = "Tiếng Việt"

TEXT: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("Chính quyền số cấp tỉnh Việt Nam", "Vietnam provincial e-government"),
    "page_overview": ("Tổng quan", "Overview"),
    "page_profile": ("Hồ sơ tỉnh, thành", "Province profile"),
    "page_compare": ("So sánh", "Compare"),
    "page_progress": ("Tiến độ theo thời gian", "Progress over time"),
    "page_data": ("Dữ liệu và nguồn", "Data and sources"),
    # sidebar
    "era": ("Thời kỳ", "Era"),
    "era_legacy": ("63 tỉnh, thành cũ (trước 1/7/2025)", "63 legacy provinces (before 1 Jul 2025)"),
    "era_current": ("34 tỉnh, thành hiện nay (từ 1/7/2025)", "34 current units (from 1 Jul 2025)"),
    "cluster": ("Cụm thi đua (Sở TT&TT)", "Emulation cluster (Dept. of Information & Communications)"),
    "cluster_help": (
        "Cụm thi đua của Sở TT&TT theo nguồn. Để trống = tất cả; ? = chưa rõ cụm.",
        "Clusters as sourced. Empty = all; ? = cluster unknown.",
    ),
    "all": ("Tất cả", "All"),
    "as_of": ("Tình trạng tính đến ngày", "Status as of"),
    "language": ("Ngôn ngữ", "Language"),
    "search": ("Tìm tỉnh, thành (cũ hoặc mới)", "Find a province (old or new name)"),
    "search_hint": ("gõ có hoặc không dấu", "with or without diacritics"),
    "now_part_of": ("nay thuộc", "now part of"),
    "formed_from": ("hợp nhất từ", "formed from"),
    "no_match": ("Không tìm thấy.", "No match."),
    "source_licence": (
        "Dữ liệu: CC BY 4.0, mỗi thông tin có nguồn và ngày. Mã nguồn: MIT.",
        "Data: CC BY 4.0, every fact with its source and date. Code: MIT.",
    ),
    "units_shown": ("đơn vị được hiển thị", "units shown"),
    # indicators
    "lgsp": ("Nền tảng LGSP", "LGSP platform"),
    "ngsp": ("Kết nối NGSP/NDXP", "Link to NGSP/NDXP"),
    "ioc": ("IOC cấp tỉnh", "Province IOC"),
    "ioc_local": ("IOC cấp huyện/thành phố", "City/district IOC"),
    "architecture": ("Kiến trúc CQĐT/CQS", "E-gov architecture"),
    "smart_city": ("Đô thị thông minh", "Smart city"),
    "cluster_field": ("Cụm thi đua", "Emulation cluster"),
    # headline milestones
    "ms_lgsp": ("LGSP vận hành", "LGSP operational"),
    "ms_ngsp": ("Kết nối NGSP/NDXP", "Linked to NGSP/NDXP"),
    "ms_ioc": ("IOC tỉnh vận hành", "Province IOC running"),
    "ms_architecture": ("Kiến trúc ≥ 2.0", "Architecture ≥ 2.0"),
    "ms_smart_city": ("Thí điểm ĐTTM", "Smart-city pilot"),
    "of_known": ("trên {known} đã biết / {units} đơn vị", "of {known} known / {units} units"),
    # statuses
    "unknown": ("Chưa rõ", "Unknown"),
    "planned": ("Kế hoạch", "Planned"),
    "building": ("Đang xây dựng", "Building"),
    "trial": ("Vận hành thử", "Trial"),
    "operational": ("Vận hành chính thức", "Operational"),
    "connecting": ("Đang kết nối", "Connecting"),
    "connected": ("Đã kết nối", "Connected"),
    "approved": ("Đề án được duyệt", "Scheme approved"),
    "piloting": ("Đang thí điểm", "Piloting"),
    "1.0": ("Phiên bản 1.0", "Version 1.0"),
    "2.0": ("Phiên bản 2.0", "Version 2.0"),
    "3.0": ("Phiên bản 3.0", "Version 3.0"),
    "4.0": ("Phiên bản 4.0", "Version 4.0"),
    "1.0-drafting": ("Đang xây dựng 1.0", "Drafting 1.0"),
    "2.0-drafting": ("Đang xây dựng 2.0", "Drafting 2.0"),
    "3.0-drafting": ("Đang xây dựng 3.0", "Drafting 3.0"),
    "4.0-drafting": ("Đang xây dựng 4.0", "Drafting 4.0"),
    # basis of a status
    "basis_own": ("theo nguồn của chính đơn vị", "from the unit's own sources"),
    "basis_derived": ("suy ra từ các tỉnh cũ hợp thành", "derived from its predecessors"),
    "basis_frozen": ("tỉnh cũ, giữ tình trạng cuối cùng trước 1/7/2025", "legacy province, frozen at its last known state"),
    "evidence_national": ("chỉ có nguồn cấp quốc gia", "national-level evidence only"),
    "conflict": ("nguồn mâu thuẫn", "sources conflict"),
    # overview
    "indicator": ("Chỉ tiêu", "Indicator"),
    "map": ("Bản đồ", "Map"),
    "tiles": ("Lưới ô vuông", "Tile grid"),
    "map_view": ("Kiểu bản đồ", "Map view"),
    "by_cluster": ("Phân bố tình trạng theo cụm thi đua", "Status by emulation cluster"),
    "no_geometry": (
        "Không có tệp ranh giới; hiển thị lưới ô vuông.",
        "Boundary files missing; showing the tile grid.",
    ),
    "empty_filter": (
        "Không có đơn vị nào trong bộ lọc này: chưa tìm được nguồn nêu tên thành viên của cụm đã chọn. "
        "Các tỉnh chưa rõ cụm nằm trong mục “?”; hãy chọn cụm khác.",
        "No unit matches this filter: no source found so far names the members of the chosen cluster. "
        "Provinces whose cluster is not sourced are under “?”; choose another cluster.",
    ),
    "progress_note": (
        "Số liệu cuối mỗi năm. Ở chế độ 34 đơn vị, một đường có thể giảm sau 1/7/2025 khi nguồn riêng của "
        "đơn vị mới cho biết giai đoạn thấp hơn mức các tỉnh cũ đã đạt (ô đó được đánh dấu mâu thuẫn).",
        "Counts at the end of each year. In the 34-unit view a line can fall after 1 July 2025 when a new "
        "unit's own source reports less than its predecessors had reached (that cell is marked conflicting).",
    ),
    "empty_facts": (
        "Chưa có thông tin có nguồn nào cho các đơn vị này tính đến ngày đã chọn.",
        "No sourced fact for these units as of the chosen date.",
    ),
    "click_hint": ("Bấm vào một tỉnh trên bản đồ để mở hồ sơ.", "Click a province on the map to open its profile."),
    "open_profile": ("Mở hồ sơ", "Open profile"),
    # profile
    "unit": ("Tỉnh, thành", "Province or city"),
    "status_now": ("Tình trạng", "Status"),
    "since": ("từ", "since"),
    "timeline": ("Dòng thời gian", "Timeline"),
    "pilots": ("Thí điểm đô thị thông minh", "Smart-city pilots"),
    "cluster_history": ("Lịch sử cụm thi đua", "Cluster history"),
    "facts_sources": ("Các thông tin và nguồn", "Facts and sources"),
    "successor": ("Từ 1/7/2025 thuộc", "Since 1 Jul 2025 part of"),
    "predecessors": ("Hình thành từ", "Formed from"),
    "predecessor_facts": ("Thông tin của các tỉnh cũ hợp thành", "Facts of its predecessors"),
    "derived_note": ("Cách suy ra", "How it is derived"),
    "multi_cluster": (
        "Đơn vị này gồm các tỉnh cũ thuộc nhiều cụm thi đua: {clusters}.",
        "This unit joins legacy provinces of several emulation clusters: {clusters}.",
    ),
    "searched_note": ("Đã tìm nhưng chưa thấy nguồn", "Searched, no source found"),
    "none_known": ("Chưa có thông tin có nguồn.", "No sourced fact yet."),
    # compare
    "pick_units": ("Chọn 2–8 đơn vị", "Pick 2 to 8 units"),
    "pick_clusters": ("hoặc cả cụm", "or whole clusters"),
    "matrix": ("Ma trận tình trạng", "Status matrix"),
    "too_few": ("Hãy chọn ít nhất 2 đơn vị.", "Pick at least 2 units."),
    "too_many": ("Chỉ hiển thị 8 đơn vị đầu tiên.", "Only the first 8 units are shown."),
    # progress
    "milestone_by_year": ("Số đơn vị đạt mốc, theo năm", "Units reaching each milestone, by year"),
    "national": ("Cả nước", "National"),
    "per_cluster": ("Theo cụm thi đua", "Per cluster"),
    "national_events": ("Mốc quốc gia", "National milestones"),
    "national_counts": ("Số liệu quốc gia theo nguồn", "National counts as sourced"),
    "year": ("Năm", "Year"),
    "framework_short": ("Khung KT", "Framework"),
    "platform_short": ("Nền tảng", "Platform"),
    "units_count": ("Số đơn vị", "Units"),
    # data page
    "coverage": ("Độ phủ dữ liệu", "Data coverage"),
    "cov_sourced": ("Có nguồn riêng", "Province source"),
    "cov_national": ("Chỉ nguồn quốc gia", "National source only"),
    "cov_conflicting": ("Nguồn mâu thuẫn", "Conflicting"),
    "cov_unknown": ("Chưa rõ", "Unknown"),
    "sources": ("Nguồn", "Sources"),
    "crosswalk": ("Bảng chuyển đổi 63 → 34", "Crosswalk 63 → 34"),
    "methodology": ("Phương pháp", "Methodology"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "download_json": ("Tải JSON", "Download JSON"),
    "download_crosswalk": ("Tải bảng chuyển đổi (CSV)", "Download crosswalk (CSV)"),
    "facts_table": ("Các thông tin (đã lọc)", "Facts (filtered)"),
    "data_error": ("Dữ liệu có lỗi; bảng điều khiển chưa thể hiển thị.", "The data has errors; the dashboard cannot show it yet."),
    "fact_count": ("{n} thông tin, {s} nguồn", "{n} facts, {s} sources"),
    # columns
    "col_unit": ("Đơn vị", "Unit"),
    "col_date": ("Ngày", "Date"),
    "col_value": ("Giá trị", "Value"),
    "col_field": ("Chỉ tiêu", "Indicator"),
    "col_source": ("Nguồn", "Source"),
    "col_publisher": ("Cơ quan đăng", "Publisher"),
    "col_published": ("Ngày đăng", "Published"),
    "col_note": ("Ghi chú", "Note"),
    "col_year": ("Năm", "Year"),
    "col_role": ("Vai trò", "Role"),
    "col_cluster": ("Cụm", "Cluster"),
    "col_code": ("Mã", "Code"),
    "col_kind": ("Loại", "Kind"),
    "col_successor": ("Đơn vị mới", "Successor"),
    "col_title": ("Tiêu đề", "Title"),
    "col_facts": ("Số thông tin", "Facts"),
    "col_detail": ("Chi tiết", "Detail"),
    "col_place": ("Địa điểm", "Place"),
    "col_partner": ("Đối tác", "Partner"),
    "col_years": ("Giai đoạn", "Years"),
    "col_pilot": ("Dự án", "Pilot"),
    "col_era": ("Thời kỳ", "Era"),
    "col_basis": ("Loại ngày", "Date basis"),
    "col_evidence": ("Phạm vi nguồn", "Evidence"),
    "col_kind_fact": ("Loại", "Kind"),
    "col_label": ("Nội dung", "What"),
    "col_of": ("Trên tổng", "Out of"),
    "col_indicator": ("Chỉ tiêu", "Indicator"),
    "col_conflict": ("Mâu thuẫn", "Conflict"),
    "col_scope": ("Phạm vi", "Scope"),
    "col_legacy_code": ("Mã cũ", "Legacy code"),
    "col_legacy_name": ("Tỉnh cũ", "Legacy province"),
    "col_current_code": ("Mã mới", "Current code"),
    "col_current_name": ("Đơn vị mới", "Current unit"),
    "member": ("thành viên", "member"),
    "head": ("cụm trưởng", "head"),
    "deputy": ("cụm phó", "deputy"),
    "province": ("tỉnh", "province"),
    "city": ("thành phố trực thuộc TW", "centrally-run city"),
}


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The label for `key` in `lang`, with {placeholders} filled in."""
    vi, en = TEXT[key]
    text = en if lang == "English" else vi
    return text.format(**values) if values else text


def status_label(status: str, lang: str = DEFAULT_LANG) -> str:
    return t(status, lang) if status in TEXT else status
