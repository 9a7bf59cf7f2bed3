// Symbol and Declaration: a name in a scope, and each place that binds (or declares) it.
//
//     x = 1          # Declaration(Variable, node=Name x) of Symbol x in the module scope
//     x: int         # Declaration(Variable, AnnotationOnly) — declares, does not bind
//     def f(a): ...  # Declaration(Function) of f; Declaration(Parameter) of a in f's scope
//     import os.path # Declaration(Import) of `os`, with the import record for "os.path"
//     class C:
//         def m(self):
//             self.y = 0    # Declaration(Variable, InstanceMember) of y in C's scope
//
// A symbol's declarations are chained in source order (firstDecl -> nextInSymbol). Under
// `global x` a binding of x in a function is a declaration of the module's symbol x, made
// from the function's scope (Declaration::scope).
#pragma once

#include <cstdint>
#include <string_view>

#include "checker/bind/Ids.h"
#include "parser/Ast.h"

namespace shrike::checker::bind {

enum SymbolFlags : uint16_t {
  SymbolBound = 1 << 0,             // bound or declared by the scope's own code
  SymbolGlobal = 1 << 1,            // `global x`: lives in the module scope
  SymbolNonlocal = 1 << 2,          // `nonlocal x`: lives in an enclosing function
  SymbolParameter = 1 << 3,         // a parameter of the function or lambda
  SymbolAnnotated = 1 << 4,         // has an annotation (`x: int`)
  SymbolInstanceMember = 1 << 5,    // assigned as `self.x` in a method (class scopes)
  SymbolInDunderAll = 1 << 6,       // named in the module's `__all__`
  SymbolImplicit = 1 << 7,          // provided by Python (`__name__`, `__qualname__`...)
  SymbolStarImported = 1 << 8,      // bound by `from m import *` (added when linking)
  SymbolPrivate = 1 << 9,           // `_name` (not `__dunder__`): not exported by `import *`
  SymbolClassMember = 1 << 10,      // assigned as `cls.x` in a classmethod (class scopes)
  SymbolUsedBeforeGlobal = 1 << 11, // internal: used in the scope before a global/nonlocal
};

struct Symbol {
  parser::Name name;
  ScopeId scope = noId;
  uint16_t flags = 0;
  DeclId firstDecl = noId;
  DeclId lastDecl = noId;

  bool has(SymbolFlags flag) const { return (flags & flag) != 0; }
  // A name the scope's code binds or declares (what LEGB lookups see); instance members
  // alone (`self.x`) do not make a class-body name.
  bool isScopeName() const {
    return (flags & (SymbolBound | SymbolGlobal | SymbolNonlocal | SymbolImplicit |
                     SymbolStarImported)) != 0;
  }
};

enum class DeclarationKind : uint8_t {
  Variable,      // node: the target (Name/Attribute), or ExceptHandler / MatchAs / MatchStar /
                 // MatchMapping for `except E as x` and match captures
  Parameter,     // node: Parameter
  Function,      // node: FunctionDef
  Class,         // node: ClassDef
  Import,        // `import a.b` / `import a.b as c`; node: Alias
  ImportFrom,    // `from m import x [as y]`; node: Alias; `from m import *`: node: ImportFrom
  TypeAlias,     // `type X = ...`; node: TypeAlias
  TypeParameter, // node: TypeParam
  Implicit,      // `__name__`, `__file__`, `__qualname__`, `__class__`...; node: the scope's node
};

std::string_view declarationKindName(DeclarationKind kind);

enum DeclarationFlags : uint16_t {
  DeclAugmented = 1 << 0,         // `x += 1`: rebinds from the old value
  DeclAnnotated = 1 << 1,         // carries an annotation (AnnAssign, annotated parameter)
  DeclAnnotationOnly = 1 << 2,    // `x: int` with no value: declares without binding
  DeclInstanceMember = 1 << 3,    // `self.x = ...` in a method
  DeclClassMember = 1 << 4,       // `cls.x = ...` in a classmethod
  DeclUnreachable = 1 << 5,       // in code that cannot run for the configured version/platform
  DeclExceptAs = 1 << 6,          // `except E as x` (unbound again after the handler)
  DeclStarImport = 1 << 7,        // a name brought in by `from m import *`
  DeclReexported = 1 << 8,        // `import a as a`, `from m import x as x`, `from . import x`:
                                  // re-exported even from a stub
  DeclImplicitSubmodule = 1 << 9, // `x` bound in a package's __init__ by `from .x import y`
};

struct Declaration {
  DeclarationKind kind = DeclarationKind::Variable;
  uint16_t flags = 0;
  SymbolId symbol = noId;
  ScopeId scope = noId;        // the scope whose code makes the declaration
  DeclId nextInSymbol = noId;  // the symbol's next declaration in source order
  parser::TextRange nameRange; // the bound name (for a def, its name; for an import, the alias)
  const parser::Node* node = nullptr;
  ImportId import = noId; // Import/ImportFrom: the import record
  FlowId flow = noId;     // the assignment flow node, when the declaration binds

  bool has(DeclarationFlags flag) const { return (flags & flag) != 0; }
  // `self.x += ...` in a method: declares x, but its value comes from x's other declarations.
  bool isAugmentedMember() const {
    return has(DeclAugmented) && (has(DeclInstanceMember) || has(DeclClassMember));
  }
};

} // namespace shrike::checker::bind
