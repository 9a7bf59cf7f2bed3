// PythonScanner: Shrike's corrections around tree-sitter-python's external scanner.
//
// The grammar's own scanner is compiled inside this file (scanner.c from .deps, included
// below with its entry points renamed to upstream_*), and these entry points wrap it:
//
// 1. Indentation tokens inside brackets. The scanner cannot see brackets, so it guesses
//    "inside brackets" from whether a closing bracket could come next. After `a.` or `a +`
//    none can, and a continuation line indented less than its block gets a DEDENT:
//
//        def f():
//            x = (a +
//        b)              # upstream: DEDENT before `b`, and the function body ends there
//
//    Python never produces indentation tokens inside brackets. A DEDENT the parser cannot
//    accept here can only be that mistake (or broken code), so it is never offered: the
//    scanner is told a bracket could close, which is exactly its own test for "inside
//    brackets". In error recovery (every symbol valid) the upstream behaviour stays. The
//    line break is then whitespace, as upstream treats it wherever NEWLINE is not expected;
//    lines joined outside brackets are reported by the lowering (LineBreaks.cpp).
//
// 2. Deep indentation. Upstream serialises each indentation width in one byte, so a block
//    indented 256 columns or more (64 levels of four spaces) comes back from a reparse as a
//    different width and the rest of the file misparses. Here each width takes two bytes,
//    and the stack stops growing at MaxIndentLevels so that it always fits.
//
// 3. Speed. The runtime calls the scanner before nearly every token (`comment` is one of its
//    tokens, and a comment may come anywhere); where upstream's scan is sure to find nothing,
//    it is not called (findsNothing): it would skip the blanks ahead, fail, and the runtime's
//    own lexer would read them again. Restoring the scanner's state keeps its arrays' memory.
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define tree_sitter_python_external_scanner_create upstream_python_scanner_create
#define tree_sitter_python_external_scanner_destroy upstream_python_scanner_destroy
#define tree_sitter_python_external_scanner_scan upstream_python_scanner_scan
#define tree_sitter_python_external_scanner_serialize upstream_python_scanner_serialize
#define tree_sitter_python_external_scanner_deserialize upstream_python_scanner_deserialize
#include "scanner.c"
#undef tree_sitter_python_external_scanner_create
#undef tree_sitter_python_external_scanner_destroy
#undef tree_sitter_python_external_scanner_scan
#undef tree_sitter_python_external_scanner_serialize
#undef tree_sitter_python_external_scanner_deserialize

void* tree_sitter_python_external_scanner_create(void) {
  return upstream_python_scanner_create();
}

void tree_sitter_python_external_scanner_destroy(void* payload) {
  upstream_python_scanner_destroy(payload);
}

// Blocks nested deeper than this get no INDENT (CPython stops at 100 levels; the lowering
// reports that): the stack then always fits the serialisation buffer, so a reparse restores
// it exactly instead of misreading the rest of the file.
enum { MaxIndentLevels = 200 };

// Whether upstream's scan (given what the wrapper below passes it) is sure to return false
// with the scanner unchanged: outside a string, when no token it makes outside strings is
// wanted (INDENT, DEDENT, NEWLINE, STRING_START; the wrapper tells it a bracket could close
// whenever DEDENT is not wanted), or when the next character can neither be skipped as a
// blank, a comment or a line continuation nor start a string or its prefix.
static bool findsNothing(const Scanner* scanner, const TSLexer* lexer, const bool* valid_symbols,
                         bool recovering) {
  if (scanner->delimiters.size > 0) return false;
  if (!recovering && !valid_symbols[NEWLINE] && !valid_symbols[INDENT] && !valid_symbols[DEDENT] &&
      !valid_symbols[STRING_START])
    return true;
  switch (lexer->lookahead) {
  case 0:
  case '\n':
  case ' ':
  case '\r':
  case '\f':
  case '\t':
  case '#':
  case '\\':
  case '"':
  case '\'':
  case '`':
  case '{':
  case '}':
  case 'f':
  case 'F':
  case 'r':
  case 'R':
  case 'b':
  case 'B':
  case 'u':
  case 'U': return false;
  default: return true;
  }
}

bool tree_sitter_python_external_scanner_scan(void* payload, TSLexer* lexer,
                                              const bool* valid_symbols) {
  Scanner* scanner = (Scanner*)payload;
  bool recovering = valid_symbols[STRING_CONTENT] && valid_symbols[INDENT];
  if (findsNothing(scanner, lexer, valid_symbols, recovering)) return false;
  bool tooDeep = valid_symbols[INDENT] && scanner->indents.size > MaxIndentLevels;
  if ((recovering || valid_symbols[DEDENT]) && !tooDeep) {
    return upstream_python_scanner_scan(payload, lexer, valid_symbols);
  }
  bool adjusted[EXCEPT + 1];
  memcpy(adjusted, valid_symbols, sizeof adjusted);
  if (!recovering && !valid_symbols[DEDENT]) adjusted[CLOSE_PAREN] = true;
  if (tooDeep) adjusted[INDENT] = false;
  return upstream_python_scanner_scan(payload, lexer, adjusted);
}

// Layout: inside_f_string, the delimiter count, the delimiters, then each indentation width
// after the implicit first 0 as two bytes, low byte first. Widths that do not fit the buffer
// are dropped (CPython stops at 100 levels; the lowering reports that).
unsigned tree_sitter_python_external_scanner_serialize(void* payload, char* buffer) {
  Scanner* scanner = (Scanner*)payload;
  size_t size = 0;
  buffer[size++] = (char)scanner->inside_f_string;
  size_t delimiterCount = scanner->delimiters.size;
  if (delimiterCount > UINT8_MAX) delimiterCount = UINT8_MAX;
  buffer[size++] = (char)delimiterCount;
  if (delimiterCount > 0) memcpy(&buffer[size], scanner->delimiters.contents, delimiterCount);
  size += delimiterCount;
  for (uint32_t i = 1;
       i < scanner->indents.size && size + 2 <= TREE_SITTER_SERIALIZATION_BUFFER_SIZE; ++i) {
    uint16_t width = *array_get(&scanner->indents, i);
    buffer[size++] = (char)(width & 0xFF);
    buffer[size++] = (char)(width >> 8);
  }
  return (unsigned)size;
}

void tree_sitter_python_external_scanner_deserialize(void* payload, const char* buffer,
                                                     unsigned length) {
  Scanner* scanner = (Scanner*)payload;
  // The runtime restores the scanner before nearly every token: the arrays are emptied, not
  // freed (upstream frees and regrows both each time, a malloc and a free per token).
  array_clear(&scanner->delimiters);
  array_clear(&scanner->indents);
  array_push(&scanner->indents, 0);
  if (length == 0) return;
  size_t size = 0;
  scanner->inside_f_string = (bool)buffer[size++];
  size_t delimiterCount = (uint8_t)buffer[size++];
  if (delimiterCount > 0) {
    array_reserve(&scanner->delimiters, delimiterCount);
    scanner->delimiters.size = delimiterCount;
    memcpy(scanner->delimiters.contents, &buffer[size], delimiterCount);
    size += delimiterCount;
  }
  for (; size + 1 < length; size += 2) {
    uint16_t width = (uint16_t)((uint8_t)buffer[size] | ((uint8_t)buffer[size + 1] << 8));
    array_push(&scanner->indents, width);
  }
}
