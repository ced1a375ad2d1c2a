/**
 * Codes of the drafting unit that end a symbol ("10023/UBND-KGVX", "2926/BGDĐT-GDTrH"): the
 * conventional abbreviations of offices' departments. Not exhaustive; a code missing here is kept as
 * read, it only cannot be repaired.
 */
export const UNIT_CODES: readonly string[] = [
  // provincial and district people's committees' offices and divisions
  'VP', 'KT', 'KTN', 'KTTH', 'KTTC', 'NC', 'NV', 'TH', 'TM', 'TC', 'XD', 'NN', 'CN', 'VX', 'KGVX', 'VHXH',
  'NCPC', 'TCD', 'HCTC', 'TCHC', 'HC', 'QT', 'TTCB', 'TNMT', 'ĐT', 'ĐTXD', 'KHTC', 'KHĐT', 'QLĐT', 'TTr',
  'PC', 'TP', 'TKBT', 'HCQT', 'QHQT', 'ĐN', 'NgV', 'DL', 'VH', 'TDTT', 'YT', 'LĐTBXH', 'DTTG', 'BCĐ',
  // departments of services (Sở) and ministries
  'CCHC', 'TCCB', 'CCVC', 'CBCC', 'XDCQ', 'TĐKT', 'VTLT', 'VTLTNN', 'QLNS', 'HCSN', 'NSNN', 'ĐT', 'QLG',
  'TCĐN', 'TCNH', 'CNTT', 'BCVT', 'TTBCXB', 'BCXB', 'TTĐN', 'TTCS', 'TTTT', 'GDTrH', 'GDTH', 'GDMN',
  'GDĐH', 'GDTX', 'GDCN', 'KTKĐ', 'KTKĐCLGD', 'CTHSSV', 'GDTC', 'NVY', 'KCB', 'ATTP', 'QLCL', 'KHCN',
  'QLKH', 'TNN', 'MT', 'ĐĐBĐ', 'QLĐĐ', 'QLXD', 'HTKT', 'QLCT', 'VTải', 'ATGT', 'KHTH', 'TCKT', 'TTHC',
  'KSTTHC', 'QLVB', 'HTQT', 'QLDA', 'PTNT', 'TL', 'KL', 'CNTY', 'BVTV', 'QLTT',
];
