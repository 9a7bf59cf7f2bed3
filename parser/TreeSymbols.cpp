// TreeSymbols: maps the grammar's symbol and field names to Shrike's enums once per process.
#include "parser/TreeSymbols.h"

#include <cstring>
#include <vector>

#include "parser/TreeSitterParser.h"

namespace shrike::parser {

namespace {

std::string_view withoutUnderscore(std::string_view name) {
  if (name.size() > 1 && name.back() == '_') name.remove_suffix(1);
  return name;
}

struct SymbolTable {
  std::vector<Sym> byId;
  std::vector<SymbolInfo> infoById;

  SymbolTable() {
    const TSLanguage* language = pythonLanguage();
    uint32_t count = ts_language_symbol_count(language);
    byId.assign(count, Sym::Other);
    for (uint32_t id = 0; id < count; ++id) {
      const char* name = ts_language_symbol_name(language, static_cast<TSSymbol>(id));
      if (!name) continue;
      bool named =
          ts_language_symbol_type(language, static_cast<TSSymbol>(id)) == TSSymbolTypeRegular;
      std::string_view text(name);
      Sym sym = Sym::Other;
// A trailing underscore keeps C++ keywords (true_, float_) out of the enum.
#define SHRIKE_SYM_N(n)                                                                            \
  if (named && text == withoutUnderscore(#n)) sym = Sym::n;
#define SHRIKE_SYM_T(n, t)                                                                         \
  if (!named && text == t) sym = Sym::n;
      SHRIKE_TREE_SYMBOLS(SHRIKE_SYM_N, SHRIKE_SYM_T)
#undef SHRIKE_SYM_N
#undef SHRIKE_SYM_T
      // ERROR is neither regular nor anonymous in some runtimes; match it by name.
      if (text == "ERROR") sym = Sym::ERROR;
      byId[id] = sym;
    }
    infoById.resize(count);
    for (uint32_t id = 0; id < count; ++id)
      infoById[id] =
          SymbolInfo{byId[id], ts_language_symbol_type(language, static_cast<TSSymbol>(id)) ==
                                   TSSymbolTypeRegular};
  }
};

const SymbolTable& symbolTable() {
  static const SymbolTable table;
  return table;
}

TSFieldId field(const char* name) {
  return ts_language_field_id_for_name(pythonLanguage(), name,
                                       static_cast<uint32_t>(std::strlen(name)));
}

} // namespace

Sym symOf(TSNode node) {
  const auto& table = symbolTable().byId;
  TSSymbol symbol = ts_node_symbol(node);
  if (symbol == static_cast<TSSymbol>(-1)) return Sym::ERROR; // ts_builtin_sym_error
  return symbol < table.size() ? table[symbol] : Sym::Other;
}

SymbolInfo symbolInfoOf(TSNode node) {
  const auto& table = symbolTable().infoById;
  TSSymbol symbol = ts_node_symbol(node);
  if (symbol == static_cast<TSSymbol>(-1)) return SymbolInfo{Sym::ERROR, true};
  return symbol < table.size() ? table[symbol] : SymbolInfo{};
}

const TreeFields& treeFields() {
  static const TreeFields fields = [] {
    TreeFields f{};
    f.alias = field("alias");
    f.alternative = field("alternative");
    f.argument = field("argument");
    f.arguments = field("arguments");
    f.attribute = field("attribute");
    f.body = field("body");
    f.cause = field("cause");
    f.code = field("code");
    f.condition = field("condition");
    f.consequence = field("consequence");
    f.definition = field("definition");
    f.expression = field("expression");
    f.format_specifier = field("format_specifier");
    f.function = field("function");
    f.guard = field("guard");
    f.key = field("key");
    f.left = field("left");
    f.module_name = field("module_name");
    f.name = field("name");
    f.object = field("object");
    f.operator_ = field("operator");
    f.operators = field("operators");
    f.parameters = field("parameters");
    f.return_type = field("return_type");
    f.right = field("right");
    f.subject = field("subject");
    f.subscript = field("subscript");
    f.superclasses = field("superclasses");
    f.type = field("type");
    f.type_conversion = field("type_conversion");
    f.type_parameters = field("type_parameters");
    f.value = field("value");
    return f;
  }();
  return fields;
}

} // namespace shrike::parser
