"""The pdfium calls made once per page object, path segment or character, with lean types.

pypdfium2's bindings type every handle as a pointer to a struct, so each call builds and
checks pointer objects; over the tens of thousands of calls a page of tables needs, that is
much of the cost of finding the tables. These prototypes of the same functions take and
return handles and output buffers as plain addresses, which ctypes passes as they are, and
keep the GIL for calls this short instead of releasing and taking it back every time.
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c

_ADDRESS = ctypes.c_void_p
_INT = ctypes.c_int


def address(handle) -> int:
    """A pypdfium2 handle (page, text page, object) as the address these calls take."""
    return ctypes.cast(handle, _ADDRESS).value or 0


def _lean(function, restype, *argtypes):
    return ctypes.PYFUNCTYPE(restype, *argtypes)(ctypes.cast(function, _ADDRESS).value)


def floats(count: int) -> tuple[memoryview, list[int]]:
    """An output buffer of C floats, read as a memoryview (far quicker to read than the
    ctypes array), and the address of each for the calls to fill."""
    return _buffer(ctypes.c_float, count)


def doubles(count: int) -> tuple[memoryview, list[int]]:
    """As floats(), of C doubles."""
    return _buffer(ctypes.c_double, count)


def _buffer(kind, count: int) -> tuple[memoryview, list[int]]:
    buffer = (kind * count)()
    start, size = ctypes.addressof(buffer), ctypes.sizeof(kind)
    # The memoryview keeps the buffer alive for as long as it is used.
    return memoryview(buffer).cast("B").cast(kind._type_), [
        start + size * index for index in range(count)
    ]


count_page_objects = _lean(pdfium_c.FPDFPage_CountObjects, _INT, _ADDRESS)
page_object = _lean(pdfium_c.FPDFPage_GetObject, _ADDRESS, _ADDRESS, _INT)
count_form_objects = _lean(pdfium_c.FPDFFormObj_CountObjects, _INT, _ADDRESS)
form_object = _lean(pdfium_c.FPDFFormObj_GetObject, _ADDRESS, _ADDRESS, ctypes.c_ulong)
object_type = _lean(pdfium_c.FPDFPageObj_GetType, _INT, _ADDRESS)
# (object, &left, &bottom, &right, &top) as floats
object_bounds = _lean(pdfium_c.FPDFPageObj_GetBounds, _INT, *[_ADDRESS] * 5)
# (object, &FS_MATRIX)
object_matrix = _lean(pdfium_c.FPDFPageObj_GetMatrix, _INT, _ADDRESS, _ADDRESS)
count_segments = _lean(pdfium_c.FPDFPath_CountSegments, _INT, _ADDRESS)
path_segment = _lean(pdfium_c.FPDFPath_GetPathSegment, _ADDRESS, _ADDRESS, _INT)
# (segment, &x, &y) as floats
segment_point = _lean(pdfium_c.FPDFPathSegment_GetPoint, _INT, *[_ADDRESS] * 3)
segment_type = _lean(pdfium_c.FPDFPathSegment_GetType, _INT, _ADDRESS)
segment_closes = _lean(pdfium_c.FPDFPathSegment_GetClose, _INT, _ADDRESS)
# (text page, index, &left, &right, &bottom, &top) as doubles
char_box = _lean(pdfium_c.FPDFText_GetCharBox, _INT, _ADDRESS, _INT, *[_ADDRESS] * 4)
# (text page, start, count): how many rectangles cover those characters, one per text object
count_rects = _lean(pdfium_c.FPDFText_CountRects, _INT, _ADDRESS, _INT, _INT)
# (text page, rectangle, &left, &top, &right, &bottom) as doubles
rect = _lean(pdfium_c.FPDFText_GetRect, _INT, _ADDRESS, _INT, *[_ADDRESS] * 4)
