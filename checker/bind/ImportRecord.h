// ImportRecord: one module import a file makes, as written, for the Program to resolve.
//
//     import a.b.c           Module,   module "a.b.c", binds `a` (a.b and a.b.c become reachable)
//     import a.b as c        ModuleAs, module "a.b",   binds `c`
//     from ..p import x      From,     module "p", level 2, name x (x may be a submodule ..p.x)
//     from m import *        Star,     module "m"
#pragma once

#include <cstdint>

#include "checker/bind/Ids.h"
#include "parser/Ast.h"

namespace shrike::checker::bind {

enum class ImportKind : uint8_t { Module, ModuleAs, From, Star };

enum ImportFlags : uint8_t {
  ImportUnreachable = 1 << 0,    // in code that cannot run for the configured version/platform
  ImportTypeChecking = 1 << 1,   // under `if TYPE_CHECKING:`
  ImportInTry = 1 << 2,          // inside a `try:` body (an ImportError may be handled)
  ImportFuture = 1 << 3,         // `from __future__ import ...`
  ImportNotModuleLevel = 1 << 4, // inside a function or class
  ImportImplicit = 1 << 5,       // not written: `from .x import y` in an __init__ binds x
};

struct ImportRecord {
  ImportKind kind = ImportKind::Module;
  uint8_t flags = 0;
  uint16_t level = 0;            // leading dots of a relative import
  parser::Name module;           // dotted, without the leading dots; empty for `from . import x`
  parser::Name name;             // From: the imported name
  parser::TextRange moduleRange; // the module name as written (dots included), for messages
  parser::TextRange nameRange;   // From: the imported name
  const parser::Stmt* node = nullptr; // the Import or ImportFrom statement
  DeclId declaration = noId;          // the declaration the import makes (none for Star)

  bool has(ImportFlags flag) const { return (flags & flag) != 0; }
};

} // namespace shrike::checker::bind
