// StaticConditions: conditions whose value the configured Python version and platform
// decide, so the branch they rule out is unreachable and not checked.
//
//     if TYPE_CHECKING: ...                       # true (also typing.TYPE_CHECKING, aliases)
//     if sys.version_info >= (3, 10): ...         # by the target version; also [0], [:2]
//     if sys.platform == "win32": ...             # by the target platform; also != and
//     if sys.platform.startswith("linux"): ...    # startswith; `os.name == "nt"`
//     if not TYPE_CHECKING and sys.version_info < (3, 8): ...   # not / and / or combine
#pragma once

#include <string>
#include <vector>

#include "checker/config/Settings.h"
#include "parser/Ast.h"

namespace shrike::checker::bind {

enum class StaticValue : uint8_t { Unknown, True, False };

class StaticConditions {
public:
  // `platform` is a sys.platform value ("linux", "darwin", "win32"); "all" or empty leaves
  // platform checks undecided.
  StaticConditions(PythonVersion version, std::string platform);

  // Tells the evaluator about an import, so aliases are recognised:
  // `import sys as s`, `from typing import TYPE_CHECKING as TC`, `from sys import platform`.
  void noteImport(const parser::Stmt* statement);

  StaticValue evaluate(const parser::Expr* condition) const;

private:
  enum class Role : uint8_t { None, Sys, Typing, Os, TypeChecking, VersionInfo, Platform };
  Role roleOf(const parser::Expr* expr) const;
  StaticValue compare(const parser::Compare* compare) const;

  PythonVersion version_;
  std::string platform_;
  std::vector<std::pair<parser::Name, Role>> aliases_;
};

} // namespace shrike::checker::bind
