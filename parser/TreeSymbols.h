// TreeSymbols: tree-sitter-python's node and token types as an enum, for switch dispatch.
#pragma once

#include <cstdint>
#include <string_view>

#include <tree_sitter/api.h>

namespace shrike::parser {

// Named node types (N) and anonymous tokens (T) that the lowering distinguishes; the
// grammar's names are mapped once per process, so no walk compares strings.
// clang-format off
#define SHRIKE_TREE_SYMBOLS(N, T) \
  N(module)                       \
  N(block)                        \
  N(ERROR)                        \
  N(comment)                      \
  N(identifier)                   \
  N(expression_statement)         \
  N(assignment)                   \
  N(augmented_assignment)         \
  N(return_statement)             \
  N(delete_statement)             \
  N(raise_statement)              \
  N(pass_statement)               \
  N(break_statement)              \
  N(continue_statement)           \
  N(global_statement)             \
  N(nonlocal_statement)           \
  N(assert_statement)             \
  N(import_statement)             \
  N(import_from_statement)        \
  N(future_import_statement)      \
  N(print_statement)              \
  N(exec_statement)               \
  N(type_alias_statement)         \
  N(if_statement)                 \
  N(elif_clause)                  \
  N(else_clause)                  \
  N(for_statement)                \
  N(while_statement)              \
  N(try_statement)                \
  N(except_clause)                \
  N(except_group_clause)          \
  N(finally_clause)               \
  N(with_statement)               \
  N(with_clause)                  \
  N(with_item)                    \
  N(function_definition)          \
  N(class_definition)             \
  N(decorated_definition)         \
  N(decorator)                    \
  N(match_statement)              \
  N(case_clause)                  \
  N(case_pattern)                 \
  N(parameters)                   \
  N(lambda_parameters)            \
  N(typed_parameter)              \
  N(default_parameter)            \
  N(typed_default_parameter)      \
  N(list_splat_pattern)           \
  N(dictionary_splat_pattern)     \
  N(keyword_separator)            \
  N(positional_separator)         \
  N(tuple_pattern)                \
  N(list_pattern)                 \
  N(pattern_list)                 \
  N(expression_list)              \
  N(dotted_name)                  \
  N(aliased_import)               \
  N(relative_import)              \
  N(import_prefix)                \
  N(wildcard_import)              \
  N(argument_list)                \
  N(keyword_argument)             \
  N(list_splat)                   \
  N(dictionary_splat)             \
  N(parenthesized_expression)     \
  N(parenthesized_list_splat)     \
  N(type)                         \
  N(splat_type)                   \
  N(generic_type)                 \
  N(union_type)                   \
  N(constrained_type)             \
  N(member_type)                  \
  N(type_parameter)               \
  N(named_expression)             \
  N(as_pattern)                   \
  N(as_pattern_target)            \
  N(not_operator)                 \
  N(boolean_operator)             \
  N(binary_operator)              \
  N(unary_operator)               \
  N(comparison_operator)          \
  N(lambda)                       \
  N(conditional_expression)       \
  N(await)                        \
  N(yield)                        \
  N(attribute)                    \
  N(subscript)                    \
  N(slice)                        \
  N(call)                         \
  N(generator_expression)         \
  N(list)                         \
  N(list_comprehension)           \
  N(dictionary)                   \
  N(dictionary_comprehension)     \
  N(pair)                         \
  N(set)                          \
  N(set_comprehension)            \
  N(tuple)                        \
  N(for_in_clause)                \
  N(if_clause)                    \
  N(string)                       \
  N(concatenated_string)          \
  N(string_start)                 \
  N(string_content)               \
  N(string_end)                   \
  N(interpolation)                \
  N(format_specifier)             \
  N(format_expression)            \
  N(type_conversion)              \
  N(escape_sequence)              \
  N(escape_interpolation)         \
  N(integer)                      \
  N(float_)                       \
  N(true_)                        \
  N(false_)                       \
  N(none)                         \
  N(ellipsis)                     \
  N(chevron)                      \
  N(line_continuation)            \
  N(class_pattern)                \
  N(splat_pattern)                \
  N(union_pattern)                \
  N(dict_pattern)                 \
  N(keyword_pattern)              \
  N(complex_pattern)              \
  T(tk_async, "async")            \
  T(tk_as, "as")                  \
  T(tk_comma, ",")                \
  T(tk_colon, ":")                \
  T(tk_equal, "=")                \
  T(tk_from, "from")              \
  T(tk_in, "in")                  \
  T(tk_if, "if")                  \
  T(tk_else, "else")              \
  T(tk_lparen, "(")               \
  T(tk_rparen, ")")               \
  T(tk_lbracket, "[")             \
  T(tk_rbracket, "]")             \
  T(tk_lbrace, "{")               \
  T(tk_rbrace, "}")               \
  T(tk_star, "*")                 \
  T(tk_starstar, "**")            \
  T(tk_slash, "/")                \
  T(tk_minus, "-")                \
  T(tk_plus, "+")                 \
  T(tk_pipe, "|")                 \
  T(tk_dot, ".")                  \
  T(tk_underscore, "_")           \
  T(tk_semicolon, ";")            \
  T(tk_tilde, "~")                \
  T(tk_at, "@")                   \
  T(tk_percent, "%")              \
  T(tk_slashslash, "//")          \
  T(tk_amp, "&")                  \
  T(tk_caret, "^")                \
  T(tk_lshift, "<<")              \
  T(tk_rshift, ">>")              \
  T(tk_lt, "<")                   \
  T(tk_le, "<=")                  \
  T(tk_eqeq, "==")                \
  T(tk_ne, "!=")                  \
  T(tk_ge, ">=")                  \
  T(tk_gt, ">")                   \
  T(tk_ltgt, "<>")                \
  T(tk_is, "is")                  \
  T(tk_is_not, "is not")          \
  T(tk_not_in, "not in")          \
  T(tk_not, "not")                \
  T(tk_and, "and")                \
  T(tk_or, "or")                  \
  T(tk_plus_eq, "+=")             \
  T(tk_minus_eq, "-=")            \
  T(tk_star_eq, "*=")             \
  T(tk_slash_eq, "/=")            \
  T(tk_at_eq, "@=")               \
  T(tk_slashslash_eq, "//=")      \
  T(tk_percent_eq, "%=")          \
  T(tk_starstar_eq, "**=")        \
  T(tk_rshift_eq, ">>=")          \
  T(tk_lshift_eq, "<<=")          \
  T(tk_amp_eq, "&=")              \
  T(tk_caret_eq, "^=")            \
  T(tk_pipe_eq, "|=")             \
  T(tk_arrow, "->")               \
  T(tk_walrus, ":=")              \
  T(tk_def, "def")                \
  T(tk_class, "class")            \
  T(tk_elif, "elif")              \
  T(tk_while, "while")            \
  T(tk_for, "for")                \
  T(tk_try, "try")                \
  T(tk_except, "except")          \
  T(tk_except_star, "except*")    \
  T(tk_finally, "finally")        \
  T(tk_with, "with")              \
  T(tk_return, "return")          \
  T(tk_yield, "yield")            \
  T(tk_lambda, "lambda")          \
  T(tk_import, "import")          \
  T(tk_raise, "raise")            \
  T(tk_del, "del")                \
  T(tk_pass, "pass")              \
  T(tk_print, "print")            \
  T(tk_exec, "exec")              \
  T(tk_await, "await")            \
  T(tk_match, "match")            \
  T(tk_case, "case")              \
  T(tk_type, "type")              \
  T(tk_global, "global")          \
  T(tk_nonlocal, "nonlocal")      \
  T(tk_assert, "assert")          \
  T(tk_break, "break")            \
  T(tk_continue, "continue")      \
  T(tk_backtick, "`")
// clang-format on

enum class Sym : uint8_t {
  Other,
#define SHRIKE_SYM_N(name) name,
#define SHRIKE_SYM_T(name, text) name,
  SHRIKE_TREE_SYMBOLS(SHRIKE_SYM_N, SHRIKE_SYM_T)
#undef SHRIKE_SYM_N
#undef SHRIKE_SYM_T
};

// The Sym of a node (by its public symbol); Other for types the lowering does not name.
Sym symOf(TSNode node);
// The Sym of a public symbol id (as ts_language_symbol_for_name returns it).
Sym symOfSymbol(TSSymbol symbol);

// A node's Sym and whether it is named, from one lookup (the lowering asks both of every node).
struct SymbolInfo {
  Sym sym = Sym::Other;
  bool named = false;
};
SymbolInfo symbolInfoOf(TSNode node);

// Which children of a node can carry a field, by the node's type (from the grammar's
// node-types.json; tests/parser/TreeSymbolsTests.cpp checks the table against it). Asking the
// runtime for a child's field is one of the costlier steps of the lowering's walk, and most
// children have none: a node type without fields never needs to ask, and only a few node
// types put a field on an anonymous token (`operator` of `a + b`).
enum class FieldUse : uint8_t {
  None,  // no child has a field
  Named, // only named children can have one
  All,   // anonymous tokens can have one too (and types the table does not know)
};
FieldUse fieldUseOf(Sym sym);

// Field ids of the grammar, resolved once.
struct TreeFields {
  TSFieldId alias, alternative, argument, arguments, attribute, body, cause, code, condition,
      consequence, definition, expression, format_specifier, function, guard, key, left,
      module_name, name, object, operator_, operators, parameters, return_type, right, subject,
      subscript, superclasses, type, type_conversion, type_parameters, value;
};
const TreeFields& treeFields();

} // namespace shrike::parser
