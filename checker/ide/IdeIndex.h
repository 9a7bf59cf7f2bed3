// IdeIndex: for every name a module uses, the declaration(s) it refers to — in the module
// itself or, through imports and re-exports, in another — kept compact enough to hold for
// every module of a large workspace: one 16-byte entry per use, sorted by offset.
//
//     from pkg.mod import helper    # `pkg` -> module pkg, `mod` -> module pkg.mod,
//                                   # `helper` -> helper's def in pkg/mod.py
//     helper()                      # -> the same def (imports are followed to the end)
//     import os.path                # `os` -> module os, `path` -> module os.path
//     os.path.join("a", "b")        # `join` -> join's declaration in os/path.pyi (typeshed)
//     x = 1                         # a declaration: refers to itself
//     print(x)                      # -> `x = 1` (the bindings that reach the read);
//                                   # `print` -> builtins.pyi
//
// Go-to-definition reads the entries at an offset; find-references scans each module's
// entries for a declaration (skipping modules that use nothing of the declaration's module),
// so no module is re-bound to answer it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "checker/Module.h"
#include "checker/ModuleGraph.h"
#include "checker/bind/UseDef.h"

namespace shrike::checker::ide {

// A declaration anywhere in the program; `decl` is `moduleItself` for a module as a whole
// (what `import os` names).
struct DeclarationRef {
  static constexpr bind::DeclId moduleItself = UINT32_MAX - 1;
  ModuleId module = noModule;
  bind::DeclId decl = bind::noId;
  bool operator==(const DeclarationRef&) const = default;
  auto operator<=>(const DeclarationRef&) const = default;
  bool isModule() const { return decl == moduleItself; }
};

enum class UseKind : uint8_t {
  Read,        // the name is read
  Write,       // the name is bound (assigned, deleted)
  Declaration, // the name of a def, class, parameter, type parameter or import alias
  Import,      // a module or name in an import statement
  Attribute,   // `m.name` where m is a module
};

struct Use {
  uint32_t start = 0;
  uint32_t length : 24 = 0;
  uint32_t kind : 8 = 0; // UseKind
  DeclarationRef target;

  UseKind useKind() const { return static_cast<UseKind>(kind); }
  uint32_t end() const { return start + length; }
};

class IdeIndex {
public:
  std::span<const Use> uses() const { return uses_; }
  // The uses whose name contains `offset` (or ends at it, as a cursor right after a name).
  std::span<const Use> usesAt(uint32_t offset) const;
  // The modules whose declarations this module's uses refer to, sorted.
  std::span<const ModuleId> referencedModules() const { return referencedModules_; }
  bool refersTo(ModuleId module) const;
  template <class F> void forEachUseOf(DeclarationRef target, F&& visit) const {
    if (!refersTo(target.module)) return;
    for (const Use& use : uses_)
      if (use.target == target) visit(use);
  }
  size_t bytes() const {
    return uses_.capacity() * sizeof(Use) + referencedModules_.capacity() * sizeof(ModuleId);
  }

  // ---- building ----
  void add(uint32_t start, uint32_t length, UseKind kind, DeclarationRef target);
  void finish();

private:
  std::vector<Use> uses_;
  std::vector<ModuleId> referencedModules_;
};

// Builds the index of a module (ready: loaded and linked), loading the modules its imports
// name as far as following them needs.
IdeIndex buildIdeIndex(ModuleGraph& graph, Module& module,
                       const bind::FlowOracle* oracle = nullptr);

// Follows an import declaration (or a star-imported name) to the declarations it finally
// names; any other declaration is its own answer. At most `limit` answers.
std::vector<DeclarationRef> resolveDeclaration(ModuleGraph& graph, DeclarationRef declaration,
                                               size_t limit = 8);

// The declarations of a module-level name of `module` (the symbol's reachable ones, or the
// submodule), imports followed.
std::vector<DeclarationRef> moduleMemberDeclarations(ModuleGraph& graph, Module& module,
                                                     parser::Name name, size_t limit = 8);

// The module a declaration stands for: the module itself, or a module a variable is an alias
// of (`path = _path` where `from . import path as _path`); noModule otherwise.
ModuleId aliasedModule(ModuleGraph& graph, DeclarationRef declaration, int depth = 0);

// A declaration's name qualified by the classes and functions around it ("list.append");
// a module's dotted name for a module.
std::string qualifiedName(ModuleGraph& graph, DeclarationRef declaration);

} // namespace shrike::checker::ide
