"""How much of a file the extractors will read: every limit in one place.

Evidence comes from the public and from the organisations complained about; some of it is
damaged and a little of it may be built to hurt. Each limit turns "the worker hung" or "the
worker died" into a failed file with a reason the investigator can read.
"""

from __future__ import annotations

# Bigger than any upload the service accepts (CASEWORK_MAX_UPLOAD_MB); a backstop for
# children of zips and emails, whose size nobody checked at upload.
MAX_CONTENT_BYTES = 512 * 1024 * 1024

# A 2,000-page bundle is already a very large hearing file; beyond that is a mistake or an attack.
MAX_PAGES = 2000

# All the text one file may yield: about 2,000 dense pages. More is a generated flood.
MAX_TEXT_CHARS = 20_000_000

# Zip containers (zip bundles and .docx): checked from the central directory before any
# member is decompressed, and counted again while members are read. An archive's budget
# covers all its members together, with the members of archives inside it: 480 members of a
# megabyte each pass any one-member rule, yet cost as much as one 480-megabyte bomb. Twice
# the default upload limit (CASEWORK_MAX_UPLOAD_MB, 100): a bundle of scans fits in it.
MAX_ZIP_ENTRIES = 1000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
# Office XML compresses about 10:1; 100:1 over a megabyte is a bomb, not a document.
MAX_COMPRESSION_RATIO = 100
# Below this size a member's ratio does not matter: a kilobyte of spaces compresses 500:1.
RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024
# The same ratio over a whole archive, once its members are this large together: many
# small members compressed a thousand times are a bomb split into pieces.
ARCHIVE_RATIO_CHECKED_ABOVE_BYTES = 10 * 1024 * 1024

# Emails are containers too.
MAX_ATTACHMENTS = 1000

# Zips in zips, emails in zips in emails: the pipeline passes each child's depth, and a
# container this deep yields no more children. 0 is an upload.
MAX_NESTING_DEPTH = 5

# Images: 80 megapixels is a 10,000 x 8,000 scan; a 300-dpi A0 poster is 140. A small file
# declaring more than this is an image bomb.
MAX_IMAGE_PIXELS = 80_000_000

# OCR: scans are rendered at print resolution; Tesseract gets a per-page wall clock so that
# even in-process extraction cannot hang on one page.
OCR_DPI = 300
OCR_PAGE_TIMEOUT_S = 120

# PDF tables are rebuilt from ruling lines; a page with more lines than this is a drawing.
MAX_RULING_LINES_PER_PAGE = 2000

# Spreadsheets (.xlsx) and CSV files: a sheet's rows are read one at a time, and every cell
# counts, the empty ones a sparse row is padded with included (a row with one cell in its
# last column is 16,384 cells to read). A sheet past either limit is cut, and says so; the
# original is kept whole. Excel's own limit is 1,048,576 rows: a sheet that claims more was
# not made by Excel. Two million cells read in well under a minute.
MAX_SHEET_ROWS = 1_048_576
MAX_SPREADSHEET_CELLS = 2_000_000
# A CSV file has no pages of its own: this many rows make one, small enough to cite.
CSV_ROWS_PER_PAGE = 200
# The csv module's own default; a longer field is a file that is not really CSV.
MAX_CSV_FIELD_CHARS = 131_072

# Old Word, RTF and OpenDocument text are converted to .docx by LibreOffice before they are
# read; a fresh profile starts in a few seconds and a long document converts in a few more.
OFFICE_CONVERSION_TIMEOUT_S = 180

# run_isolated's defaults: a whole file's extraction, OCR included, and the address space of
# the process doing it (pdfium, lxml and Tesseract together need a few hundred megabytes).
DEFAULT_TIME_LIMIT_S = 600
DEFAULT_MEMORY_LIMIT_MB = 2048

# Page images: each page of a PDF or image is rendered for the evidence viewer, beside its
# text. A readable page is this many pixels on its long side (an A4 page at about 120 dpi),
# however large the page says it is; its thumbnail, for the strip of pages, this many.
PAGE_IMAGE_LONG_SIDE = 1400
THUMBNAIL_LONG_SIDE = 200
# JPEG: every browser shows it, and it is quick to write; at this quality text stays sharp.
PAGE_IMAGE_QUALITY = 80
# Only the first pages of a longer file are rendered (its text is read in full), and its page
# says so: 500 pages are about 100 MB of images and a minute of a worker.
MAX_RENDERED_PAGES = 500
# Rendering runs after the text is saved, under its own wall clock.
RENDER_TIME_LIMIT_S = 120
