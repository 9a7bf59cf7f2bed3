// SourceEncoding: coding declarations, Python's encoding names, and single-byte decoding.
#include "parser/SourceEncoding.h"

#include <cctype>

#include "parser/SourceText.h"

namespace shrike::parser {

namespace {

// Python looks encoding names up case-insensitively, with '-' and ' ' read as '_'.
std::string normalizedEncoding(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.push_back(lower == '-' || lower == ' ' ? '_' : lower);
  }
  return out;
}

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool allDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// A line of the text (without its end) starting at `offset`; `next` receives the next line's
// start.
std::string_view lineAt(std::string_view text, size_t offset, size_t& next) {
  size_t end = offset;
  while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
  next = end;
  if (next < text.size() && text[next] == '\r') ++next;
  if (next < text.size() && text[next] == '\n') ++next;
  return text.substr(offset, end - offset);
}

// `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` on one line.
std::optional<CodingDeclaration> declarationOn(std::string_view line, size_t lineOffset) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f')) ++i;
  if (i >= line.size() || line[i] != '#') return std::nullopt;
  for (size_t at = line.find("coding", i); at != std::string_view::npos;
       at = line.find("coding", at + 1)) {
    size_t k = at + 6;
    if (k >= line.size() || (line[k] != ':' && line[k] != '=')) continue;
    ++k;
    while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
    size_t start = k;
    while (k < line.size() && (std::isalnum(static_cast<unsigned char>(line[k])) ||
                               line[k] == '-' || line[k] == '_' || line[k] == '.'))
      ++k;
    if (k == start) continue;
    return CodingDeclaration{std::string(line.substr(start, k - start)),
                             static_cast<uint32_t>(lineOffset + start),
                             static_cast<uint32_t>(k - start)};
  }
  return std::nullopt;
}

bool isBlankOrComment(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f')) ++i;
  return i == line.size() || line[i] == '#';
}

// Windows-1252 from 0x80 to 0x9F (0 where the code page defines nothing).
constexpr char16_t cp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

} // namespace

std::optional<CodingDeclaration> findCodingDeclaration(std::string_view text) {
  size_t next = 0;
  std::string_view first = lineAt(text, 0, next);
  size_t firstOffset = startsWith(first, "\xEF\xBB\xBF") ? 3 : 0;
  if (auto found = declarationOn(first.substr(firstOffset), firstOffset)) return found;
  if (!isBlankOrComment(first.substr(firstOffset))) return std::nullopt;
  size_t secondStart = next;
  std::string_view second = lineAt(text, secondStart, next);
  return declarationOn(second, secondStart);
}

SourceCharset classifyEncoding(std::string_view name) {
  std::string n = normalizedEncoding(name);
  if (n == "utf_8" || n == "utf8" || n == "u8" || n == "utf" || n == "cp65001" ||
      startsWith(n, "utf_8_") || n == "utf8_ucs2" || n == "utf8_ucs4")
    return SourceCharset::Utf8;
  if (n == "latin_1" || n == "latin1" || n == "latin" || n == "l1" || n == "iso8859_1" ||
      n == "iso_8859_1" || n == "8859" || n == "cp819" || n == "iso_ir_100" || n == "csisolatin1" ||
      startsWith(n, "iso_8859_1_") || startsWith(n, "latin_1_"))
    return SourceCharset::Latin1;
  if (n == "ascii" || n == "us_ascii" || n == "646" || n == "us" || n == "iso646_us" ||
      n == "ansi_x3.4_1968" || n == "ansi_x3_4_1968" || n == "cp367" || n == "ibm367" ||
      n == "csascii" || n == "iso_ir_6")
    return SourceCharset::Ascii;
  if (n == "cp1252" || n == "windows_1252") return SourceCharset::Cp1252;
  if (n == "iso8859_15" || n == "iso_8859_15" || n == "latin9" || n == "latin_9" || n == "l9")
    return SourceCharset::Latin9;
  // Python's other codecs, by family: code pages, ISO 8859 parts, and the named ones.
  if ((startsWith(n, "cp") && allDigits(n.substr(2))) ||
      (startsWith(n, "ibm") && allDigits(n.substr(3))) ||
      (startsWith(n, "windows_") && allDigits(n.substr(8))) ||
      (startsWith(n, "iso8859_") && allDigits(n.substr(8))) ||
      (startsWith(n, "iso_8859_") && allDigits(n.substr(9))) ||
      (startsWith(n, "latin") && allDigits(n.substr(5))) ||
      (startsWith(n, "latin_") && allDigits(n.substr(6))) ||
      (n.size() == 2 && n[0] == 'l' && std::isdigit(static_cast<unsigned char>(n[1]))))
    return SourceCharset::OtherKnown;
  static constexpr std::string_view named[] = {"big5",
                                               "big5hkscs",
                                               "big5_hkscs",
                                               "hkscs",
                                               "csbig5",
                                               "big5_tw",
                                               "cp932",
                                               "ms932",
                                               "mskanji",
                                               "ms_kanji",
                                               "cp949",
                                               "ms949",
                                               "uhc",
                                               "cp950",
                                               "ms950",
                                               "euc_jp",
                                               "eucjp",
                                               "ujis",
                                               "u_jis",
                                               "euc_jis_2004",
                                               "jisx0213",
                                               "eucjis2004",
                                               "euc_jisx0213",
                                               "eucjisx0213",
                                               "euc_kr",
                                               "euckr",
                                               "korean",
                                               "ksc5601",
                                               "ks_c_5601",
                                               "ks_c_5601_1987",
                                               "ksx1001",
                                               "ks_x_1001",
                                               "gb2312",
                                               "chinese",
                                               "csiso58gb231280",
                                               "euc_cn",
                                               "euccn",
                                               "eucgb2312_cn",
                                               "gb2312_1980",
                                               "gb2312_80",
                                               "iso_ir_58",
                                               "gbk",
                                               "936",
                                               "cp936",
                                               "ms936",
                                               "gb18030",
                                               "gb18030_2000",
                                               "hz",
                                               "hzgb",
                                               "hz_gb",
                                               "hz_gb_2312",
                                               "iso2022_jp",
                                               "csiso2022jp",
                                               "iso2022jp",
                                               "iso_2022_jp",
                                               "iso2022_jp_1",
                                               "iso2022jp_1",
                                               "iso_2022_jp_1",
                                               "iso2022_jp_2",
                                               "iso2022jp_2",
                                               "iso_2022_jp_2",
                                               "iso2022_jp_2004",
                                               "iso_2022_jp_2004",
                                               "iso2022jp_2004",
                                               "iso2022_jp_3",
                                               "iso2022jp_3",
                                               "iso_2022_jp_3",
                                               "iso2022_jp_ext",
                                               "iso2022jp_ext",
                                               "iso_2022_jp_ext",
                                               "iso2022_kr",
                                               "csiso2022kr",
                                               "iso2022kr",
                                               "iso_2022_kr",
                                               "johab",
                                               "cp1361",
                                               "ms1361",
                                               "koi8_r",
                                               "koi8_t",
                                               "koi8_u",
                                               "kz1048",
                                               "kz_1048",
                                               "rk1048",
                                               "strk1048_2002",
                                               "mac_cyrillic",
                                               "maccyrillic",
                                               "mac_greek",
                                               "macgreek",
                                               "mac_iceland",
                                               "maciceland",
                                               "mac_latin2",
                                               "maccentraleurope",
                                               "mac_centeuro",
                                               "maclatin2",
                                               "mac_roman",
                                               "macroman",
                                               "macintosh",
                                               "mac_turkish",
                                               "macturkish",
                                               "mac_arabic",
                                               "mac_farsi",
                                               "mac_croatian",
                                               "mac_romanian",
                                               "ptcp154",
                                               "csptcp154",
                                               "pt154",
                                               "cp154",
                                               "cyrillic_asian",
                                               "shift_jis",
                                               "csshiftjis",
                                               "shiftjis",
                                               "sjis",
                                               "s_jis",
                                               "shift_jis_2004",
                                               "shiftjis2004",
                                               "sjis_2004",
                                               "s_jis_2004",
                                               "shift_jisx0213",
                                               "shiftjisx0213",
                                               "sjisx0213",
                                               "s_jisx0213",
                                               "utf_32",
                                               "u32",
                                               "utf32",
                                               "utf_32_be",
                                               "utf_32be",
                                               "utf_32_le",
                                               "utf_32le",
                                               "utf_16",
                                               "u16",
                                               "utf16",
                                               "utf_16_be",
                                               "utf_16be",
                                               "utf_16_le",
                                               "utf_16le",
                                               "utf_7",
                                               "u7",
                                               "utf7",
                                               "unicode_1_1_utf_7",
                                               "tis_620",
                                               "tis620",
                                               "tis_620_0",
                                               "tis_620_2529_0",
                                               "tis_620_2529_1",
                                               "iso_ir_166",
                                               "hp_roman8",
                                               "roman8",
                                               "r8",
                                               "cshproman8",
                                               "cp1125",
                                               "1125",
                                               "ibm1125",
                                               "cp866u",
                                               "ruscii",
                                               "mbcs",
                                               "ansi",
                                               "dbcs",
                                               "oem",
                                               "palmos",
                                               "cp_is",
                                               "cp_ks",
                                               "greek",
                                               "greek8",
                                               "hebrew",
                                               "arabic",
                                               "cyrillic",
                                               "thai",
                                               "ecma_114",
                                               "ecma_118",
                                               "elot_928",
                                               "asmo_708",
                                               "csisolatinarabic",
                                               "csisolatincyrillic",
                                               "csisolatingreek",
                                               "csisolatinhebrew",
                                               "raw_unicode_escape",
                                               "unicode_escape",
                                               "idna",
                                               "punycode",
                                               "undefined",
                                               "charmap",
                                               "latin10",
                                               "iso_ir_226"};
  for (std::string_view known : named)
    if (n == known) return SourceCharset::OtherKnown;
  return SourceCharset::Unknown;
}

std::string decodeSingleByte(std::string_view bytes, SourceCharset charset) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char byte : bytes) {
    auto c = static_cast<unsigned char>(byte);
    if (c < 0x80) {
      out.push_back(byte);
      continue;
    }
    char32_t code = c;
    switch (charset) {
    case SourceCharset::Ascii: code = 0xFFFD; break;
    case SourceCharset::Cp1252:
      if (c < 0xA0) code = cp1252High[c - 0x80] ? cp1252High[c - 0x80] : 0xFFFD;
      break;
    case SourceCharset::Latin9:
      switch (c) {
      case 0xA4: code = 0x20AC; break;
      case 0xA6: code = 0x0160; break;
      case 0xA8: code = 0x0161; break;
      case 0xB4: code = 0x017D; break;
      case 0xB8: code = 0x017E; break;
      case 0xBC: code = 0x0152; break;
      case 0xBD: code = 0x0153; break;
      case 0xBE: code = 0x0178; break;
      default: break;
      }
      break;
    default: break;
    }
    appendUtf8(out, code);
  }
  return out;
}

} // namespace shrike::parser
