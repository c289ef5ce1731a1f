"""The methodology, as shown on the data-and-sources page, in both languages."""

METHODOLOGY = {
    "English": """
**Facts, not scores.** Every entry is a dated event backed by a source we read: "Bắc Giang's IOC
became operational on a date, says this article". Nothing is estimated, extrapolated or filled in by
geography. A unit with no sourced fact on an indicator shows **unknown**, never "no".

**Stages.** LGSP and IOC: planned → building → trial → operational. Link to the national platform
(NGSP, later NDXP): planned → connecting → connected. Architecture: the version of the province's
e-government (later digital-government) architecture issued by decision: 1.0, 2.0, 3.0, 4.0, with
"drafting" before issue. Smart city: planned → scheme approved → piloting → operational. City- or
district-level IOCs are kept apart from the province-level IOC.

**"As of" a date.** A stage, once reached, stays reached: the status on a date is the most advanced
stage among the facts known by then. A fact dated only "2020" counts from 31 December 2020, one
dated "2020-07" from 31 July 2020, because only then do we know it held. When the source gives no
event date, the article's date is used and the fact is marked as such.

**Conflicts.** When sources disagree, both facts are kept. A cell is marked *conflicting* when a fact
carries an explicit conflict note or when a later fact reports a less advanced stage than an earlier
one.

**National-level evidence.** A national source that explicitly covers every province (e.g. a ministry
report that all 63 provinces had connected their LGSP by a date) backs that fact for each province; it
is marked as national-level evidence, and a province's own source always takes precedence.

**The 2025 reorganisation.** On 1 July 2025 the 63 provinces became 34 units (resolution
202/2025/QH15). Codes are reused for other territories (legacy 24 was Bắc Giang, current 24 is Bắc
Ninh), so a unit is always identified by era and code. In the *legacy* view, dates after 30 June 2025
show each province *frozen* at its last known state. In the *current* view, a unit's status is its own
when a source dated from 1 July 2025 gives one; otherwise it is **derived** from its predecessors: the
most advanced stage any predecessor reached, with the breakdown ("2 of 3 predecessors operational …")
shown beside it. An own fact less advanced than what the predecessors had reached still gives the
status but is marked *conflicting*. Before 1 July 2025 the current view shows the predecessors'
state under the units they later formed.

**Clusters.** Emulation clusters of the provincial Departments of Information and Communications, as
sources name them for a given year. A merged unit belongs to every cluster of its predecessors. Units
no source places in a cluster are grouped under "?"; no cluster is guessed.

**Coverage.** For each legacy province and each of four indicator groups (LGSP/NGSP, IOC,
architecture, smart city) the matrix shows whether a province-specific source exists, only national
evidence, conflicting sources, or nothing yet.
""",
    "Tiếng Việt": """
**Sự kiện có nguồn, không phải điểm số.** Mỗi thông tin là một sự kiện có ngày và có nguồn đã được
đọc. Không ước đoán, không ngoại suy, không suy theo địa lý. Chỉ tiêu chưa có nguồn được ghi là
**chưa rõ**, không bao giờ là "không".

**Các giai đoạn.** LGSP và IOC: kế hoạch → đang xây dựng → vận hành thử → vận hành chính thức. Kết
nối nền tảng quốc gia (NGSP, sau là NDXP): kế hoạch → đang kết nối → đã kết nối. Kiến trúc: phiên bản
Kiến trúc CQĐT/CQS do tỉnh ban hành bằng quyết định (1.0, 2.0, 3.0, 4.0), "đang xây dựng" trước khi
ban hành. Đô thị thông minh: kế hoạch → đề án được duyệt → đang thí điểm → vận hành. IOC cấp
huyện/thành phố được tính riêng với IOC cấp tỉnh.

**"Tính đến ngày".** Một giai đoạn đã đạt thì giữ nguyên: tình trạng tại một ngày là giai đoạn cao
nhất trong các thông tin đã biết đến ngày đó. Thông tin chỉ ghi năm "2020" được tính từ 31/12/2020,
ghi "2020-07" được tính từ 31/7/2020. Khi nguồn không nêu ngày sự kiện, dùng ngày đăng bài và ghi rõ.

**Mâu thuẫn.** Khi các nguồn khác nhau, giữ cả hai. Ô được đánh dấu *mâu thuẫn* khi có ghi chú mâu
thuẫn hoặc khi thông tin sau ghi giai đoạn thấp hơn thông tin trước.

**Nguồn cấp quốc gia.** Nguồn quốc gia nêu rõ cho tất cả các tỉnh (ví dụ 63/63 tỉnh đã kết nối LGSP)
được dùng cho từng tỉnh, có đánh dấu; nguồn riêng của tỉnh luôn được ưu tiên.

**Sắp xếp đơn vị hành chính 2025.** Từ 1/7/2025, 63 tỉnh, thành thành 34 đơn vị (Nghị quyết
202/2025/QH15). Mã số được dùng lại cho địa bàn khác (mã 24 cũ là Bắc Giang, mã 24 mới là Bắc Ninh),
nên mỗi đơn vị luôn được xác định bằng thời kỳ và mã. Ở chế độ *63 tỉnh cũ*, sau 30/6/2025 mỗi tỉnh
giữ tình trạng cuối cùng đã biết. Ở chế độ *34 đơn vị*, tình trạng là của chính đơn vị nếu có nguồn
từ 1/7/2025; nếu không, được **suy ra** từ các tỉnh cũ hợp thành: giai đoạn cao nhất mà một tỉnh cũ
đã đạt, kèm chi tiết từng tỉnh. Nguồn riêng cho biết giai đoạn thấp hơn mức các tỉnh cũ đã đạt vẫn
quyết định tình trạng nhưng được đánh dấu *mâu thuẫn*.

**Cụm thi đua.** Cụm thi đua của các Sở TT&TT theo nguồn từng năm. Đơn vị mới thuộc mọi cụm của các
tỉnh cũ hợp thành. Tỉnh chưa có nguồn về cụm được xếp vào "?"; không đoán cụm.

**Độ phủ.** Với mỗi tỉnh cũ và bốn nhóm chỉ tiêu (LGSP/NGSP, IOC, kiến trúc, đô thị thông minh), ma
trận cho biết có nguồn riêng của tỉnh, chỉ có nguồn quốc gia, nguồn mâu thuẫn hay chưa có gì.
""",
}
