// Scope: a region of code with its own names.
//
//     x = 1                  # module scope: x
//     class C[T]:            # type-parameter scope: T (visible in the class and its bases)
//         y = x              # class scope: y (not visible from the methods below)
//         def m(self):       # function scope: self
//             return [i for i in range(3)]   # comprehension scope: i
//     f = lambda a: a        # lambda scope: a
//
// Module, class and comprehension bodies run inline in the flow of the code around them;
// function and lambda bodies have a flow graph of their own, starting at `flowStart`.
#pragma once

#include <cstdint>
#include <string_view>

#include "checker/bind/Ids.h"
#include "parser/Ast.h"

namespace shrike::checker::bind {

enum class ScopeKind : uint8_t { Module, Class, Function, Lambda, Comprehension, TypeParams };

std::string_view scopeKindName(ScopeKind kind);

enum ScopeFlags : uint8_t {
  ScopeAsync = 1 << 0,          // an `async def`, or a comprehension with `async for`/`await`
  ScopeGenerator = 1 << 1,      // contains `yield` (a function) or is a generator expression
  ScopeIsMethod = 1 << 2,       // a function defined directly in a class body
  ScopeInStub = 1 << 3,         // in a .pyi file
  ScopeUsesSuper = 1 << 4,      // mentions `super` or `__class__` (gets the implicit `__class__`)
  ScopeTypeAliasValue = 1 << 5, // the lazily evaluated value scope of a `type X = ...`
};

struct Scope {
  ScopeKind kind = ScopeKind::Module;
  uint8_t flags = 0;
  uint16_t depth = 0;                 // 0 for the module scope
  ScopeId parent = noId;              // the enclosing scope; noId for the module
  const parser::Node* node = nullptr; // Module, ClassDef, FunctionDef, Lambda, ListComp/SetComp/
                                      // DictComp/GeneratorExp; for TypeParams the def, class or
                                      // TypeAlias that owns the parameters
  FlowId flowStart = noId; // Function/Lambda/Module: the Start node of its own flow graph
  FlowId definedAt = noId; // Function/Lambda: the node of the enclosing code's flow at which
                           // the def or lambda is evaluated (for captured-variable narrowing)

  bool isExecutionScope() const {
    return kind == ScopeKind::Module || kind == ScopeKind::Function || kind == ScopeKind::Lambda;
  }
  // True for scopes whose names are not visible to scopes nested inside them (class bodies).
  bool hidesNamesFromNested() const { return kind == ScopeKind::Class; }
};

} // namespace shrike::checker::bind
