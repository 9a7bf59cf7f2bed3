// TreeSymbolsTests: the lowering's table of which node types carry fields agrees with the grammar.
//
// The lowering skips asking tree-sitter for the field of a child whose parent's type has none
// (fieldUseOf). The grammar's node-types.json lists every field of every node type: a type the
// table marks None must have no field, and one marked Named no field that an anonymous token
// can fill. A grammar update that breaks either would make the lowering miss a field.
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <tree_sitter/api.h>

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

} // namespace
