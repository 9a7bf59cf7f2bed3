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

Sym symOfSymbol(TSSymbol symbol) {
  const auto& table = symbolTable().byId;
  if (symbol == static_cast<TSSymbol>(-1)) return Sym::ERROR; // ts_builtin_sym_error
  return symbol < table.size() ? table[symbol] : Sym::Other;
}

Sym symOf(TSNode node) {
  return symOfSymbol(ts_node_symbol(node));
}

SymbolInfo symbolInfoOf(TSNode node) {
  const auto& table = symbolTable().infoById;
  TSSymbol symbol = ts_node_symbol(node);
  if (symbol == static_cast<TSSymbol>(-1)) return SymbolInfo{Sym::ERROR, true};
  return symbol < table.size() ? table[symbol] : SymbolInfo{};
}

FieldUse fieldUseOf(Sym sym) {
  switch (sym) {
  // Node types without fields.
  case Sym::argument_list:
  case Sym::assert_statement:
  case Sym::await:
  case Sym::case_pattern:
  case Sym::chevron:
  case Sym::class_pattern:
  case Sym::complex_pattern:
  case Sym::concatenated_string:
  case Sym::conditional_expression:
  case Sym::constrained_type:
  case Sym::decorator:
  case Sym::delete_statement:
  case Sym::dictionary:
  case Sym::dictionary_splat:
  case Sym::dictionary_splat_pattern:
  case Sym::dotted_name:
  case Sym::except_group_clause:
  case Sym::expression_list:
  case Sym::expression_statement:
  case Sym::finally_clause:
  case Sym::format_specifier:
  case Sym::generic_type:
  case Sym::global_statement:
  case Sym::if_clause:
  case Sym::keyword_pattern:
  case Sym::lambda_parameters:
  case Sym::list:
  case Sym::list_pattern:
  case Sym::list_splat:
  case Sym::list_splat_pattern:
  case Sym::member_type:
  case Sym::module:
  case Sym::nonlocal_statement:
  case Sym::parameters:
  case Sym::parenthesized_expression:
  case Sym::parenthesized_list_splat:
  case Sym::pattern_list:
  case Sym::relative_import:
  case Sym::return_statement:
  case Sym::set:
  case Sym::slice:
  case Sym::splat_pattern:
  case Sym::splat_type:
  case Sym::string:
  case Sym::string_content:
  case Sym::tuple:
  case Sym::tuple_pattern:
  case Sym::type:
  case Sym::type_parameter:
  case Sym::union_pattern:
  case Sym::union_type:
  case Sym::with_clause:
  case Sym::yield: return FieldUse::None;
  // Node types with a field on an anonymous token.
  case Sym::augmented_assignment:
  case Sym::binary_operator:
  case Sym::boolean_operator:
  case Sym::comparison_operator:
  case Sym::dict_pattern:
  case Sym::for_in_clause:
  case Sym::unary_operator:
  // Error recovery follows no rule, and a type the table does not name may have any field.
  case Sym::ERROR:
  case Sym::Other: return FieldUse::All;
  default: return FieldUse::Named;
  }
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
