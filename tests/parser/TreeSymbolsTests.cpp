// TreeSymbolsTests: the lowering's table of which node types carry fields agrees with the grammar.
//
// The lowering skips asking tree-sitter for the field of a child whose parent's type has none
// (fieldUseOf). The grammar's node-types.json lists every field of every node type: a type the
// table marks None must have no field, and one marked Named no field that an anonymous token
// can fill. A grammar update that breaks either would make the lowering miss a field.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <tree_sitter/api.h>

#include "parser/StructuralFields.h"
#include "parser/TreeSitterParser.h"
#include "parser/TreeSymbols.h"

using namespace shrike::parser;

namespace {

// The Sym of a named node type, through the same mapping the lowering uses.
Sym symNamed(const std::string& type) {
  const TSLanguage* language = pythonLanguage();
  TSSymbol symbol =
      ts_language_symbol_for_name(language, type.c_str(), static_cast<uint32_t>(type.size()), true);
  return symbol == 0 ? Sym::Other : symOfSymbol(symbol);
}

TEST(TreeSymbols, FieldUseAgreesWithTheGrammar) {
  std::ifstream in(std::string(SHRIKE_GRAMMAR_DIR) + "/node-types.json");
  ASSERT_TRUE(in) << "node-types.json not found under " << SHRIKE_GRAMMAR_DIR;
  nlohmann::json types = nlohmann::json::parse(in);
  int checked = 0;
  for (const auto& type : types) {
    if (!type.value("named", false) || type.contains("subtypes")) continue;
    std::string name = type["type"];
    Sym sym = symNamed(name);
    FieldUse use = fieldUseOf(sym);
    if (use == FieldUse::All) continue; // asks for every child's field: always right
    ++checked;
    const auto& fields = type.contains("fields") ? type["fields"] : nlohmann::json::object();
    if (use == FieldUse::None) {
      EXPECT_TRUE(fields.empty()) << name << " has fields, but fieldUseOf says None";
      continue;
    }
    for (const auto& [field, spec] : fields.items())
      for (const auto& t : spec["types"])
        EXPECT_TRUE(t.value("named", false))
            << name << "." << field << " can hold the token '" << t["type"].get<std::string>()
            << "', but fieldUseOf says only named children have fields";
  }
  EXPECT_GT(checked, 80); // the table covers the grammar's node types, not a handful
}

// Every error-free node of a type hasStructuralFields accepts: the fields structuralField gives
// its children are the runtime's (asked as the lowering asks, an extra's field passing to the
// next child). Returns the number of children compared.
int compareStructuralFields(TSNode node, const std::string& where) {
  int compared = 0;
  SymbolInfo info = symbolInfoOf(node);
  if (hasStructuralFields(info.sym) && !ts_node_has_error(node)) {
    FieldUse use = fieldUseOf(info.sym);
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    TSFieldId pending = 0;
    uint32_t position = 0;
    Sym previous = Sym::Other;
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      do {
        TSNode child = ts_tree_cursor_current_node(&cursor);
        SymbolInfo childInfo = symbolInfoOf(child);
        TSFieldId field = 0;
        if (use == FieldUse::All || (use == FieldUse::Named && childInfo.named))
          field = ts_tree_cursor_current_field_id(&cursor);
        if (childInfo.sym == Sym::comment || childInfo.sym == Sym::line_continuation) {
          if (field) pending = field;
          continue;
        }
        if (!field) field = pending;
        pending = 0;
        EXPECT_EQ(structuralField(info.sym, position, childInfo, previous, treeFields()), field)
            << where << " line " << ts_node_start_point(child).row + 1 << ": child " << position
            << " (" << ts_node_type(child) << ") of " << ts_node_type(node);
        ++compared;
        ++position;
        previous = childInfo.sym;
      } while (ts_tree_cursor_goto_next_sibling(&cursor));
    }
    ts_tree_cursor_delete(&cursor);
  }
  uint32_t count = ts_node_child_count(node);
  for (uint32_t i = 0; i < count; ++i)
    compared += compareStructuralFields(ts_node_child(node, i), where);
  return compared;
}

TEST(TreeSymbols, StructuralFieldsAgreeWithTheRuntime) {
  namespace fs = std::filesystem;
  int compared = 0;
  for (const char* folder : {"cases", "errors"}) {
    for (const auto& entry :
         fs::directory_iterator(fs::path(SHRIKE_SOURCE_DIR) / "tests" / "parser" / folder)) {
      if (entry.path().extension() != ".py") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      std::string source = text.str();
      TreePtr tree = TreeSitterParser::threadLocal().parse(source);
      compared +=
          compareStructuralFields(ts_tree_root_node(tree.get()), entry.path().filename().string());
    }
  }
  EXPECT_GT(compared, 500); // the case files hold hundreds of such nodes, of every type
}

} // namespace
