// Navigation: what the name under the cursor is, and where it is declared and defined — the
// engine half of go-to-definition, go-to-declaration, find-references, highlights and hover.
//
// A name resolves in its own module first (the binder's scopes and flow graph: the bindings
// that reach the use), then through imports to the module that defines it:
//
//     # main.py                      # pkg/__init__.py         # pkg/impl.py
//     from pkg import helper         from .impl import helper  def helper(): ...
//     helper()
//     ^ declaration: main.py line 1 (the import)   definition: pkg/impl.py `def helper`
//
// Module attributes follow the same road (`os.path.join`); attributes of other values are
// found through the receiver's type (TypeNavigation).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "checker/Cancellation.h"
#include "checker/Program.h"

namespace shrike::checker::ide {

// One thing a name can stand for: a declaration in a module, or (declaration noId) the module.
struct Resolved {
  std::shared_ptr<Module> module;
  bind::DeclId declaration = bind::noId;

  bool isModule() const { return declaration == bind::noId; }
  const bind::Declaration& decl() const { return module->index->declaration(declaration); }
  bool operator==(const Resolved& other) const {
    return module == other.module && declaration == other.declaration;
  }
};

// The symbol a name belongs to, in the module that defines it (imports followed). Two uses
// refer to the same thing when their SymbolKeys are equal; a module is its own key.
struct SymbolKey {
  ModuleId module = noModule;
  bind::SymbolId symbol = bind::noId; // noId: the module itself
  bool operator==(const SymbolKey&) const = default;
  explicit operator bool() const { return module != noModule; }
};

struct CursorSymbol {
  std::shared_ptr<Module> module; // the module the cursor is in
  parser::TextRange nameRange;    // the name under the cursor
  std::string name;
  // The expression the name is a use of (a Name, or an Attribute for `x.name`); null when
  // the cursor is on a declaration, an import or a keyword argument.
  const parser::Expr* expression = nullptr;
  // Where the name is declared as this module sees it (an import statement for an imported
  // name), and where it is finally defined (imports followed, into stubs where they lead).
  std::vector<Resolved> declarations;
  std::vector<Resolved> definitions;
  SymbolKey key;
};

// How far an attribute `x.name` is resolved: through module members only (cheap, no types),
// or through the receiver's type too (the evaluator runs).
enum class AttributeResolution { ModulesOnly, ThroughTypes };

// What the name at `offset` of `path` refers to; nullopt when the cursor is on no name, or on
// one that does not resolve.
std::optional<CursorSymbol>
symbolAt(Program& program, const std::string& path, uint32_t offset,
         const CancellationToken& cancelled = {},
         AttributeResolution attributes = AttributeResolution::ThroughTypes);

// A place in a file, with the text its range is in.
struct SourceLocation {
  std::string path;
  parser::TextRange range;
  std::shared_ptr<const parser::SourceText> text;
};

// Where a resolved thing is: its name, or the start of a module's file.
SourceLocation locationOf(const Resolved& resolved);

// The key of a symbol of `module` after following imports (the symbol itself when it is not
// an import); empty when the import leads nowhere.
SymbolKey definitionKey(Program& program, const std::shared_ptr<Module>& module,
                        bind::SymbolId symbol);

// Follows one resolved declaration through imports to what finally defines it.
std::vector<Resolved> followImports(Program& program, const Resolved& resolved);

} // namespace shrike::checker::ide
