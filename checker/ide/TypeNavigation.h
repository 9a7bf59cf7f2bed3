// TypeNavigation: the navigation that needs types — an attribute of a value (`self.method`,
// `obj.attr`) is found on the class of the receiver's type and the classes of its MRO, the
// type of an expression is named for hover, and its class is where typeDefinition goes.
//
//     class Base:                       b: Base = Derived()
//         def run(self): ...            b.run()        # Base.run (b's declared type)
//     class Derived(Base): ...          Derived().run  # Base.run, through the MRO
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checker/Program.h"
#include "checker/ide/Navigation.h"

namespace shrike::checker::ide {

// The declarations `receiver.name` reaches through the receiver's type: for each member of
// a union, the first class of the MRO that declares the name (class or instance member).
std::vector<Resolved> memberDeclarations(Program& program, const std::shared_ptr<Module>& module,
                                         const parser::Expr* receiver, parser::Name name);

// The classes of an expression's type (each member of a union), for typeDefinition.
std::vector<Resolved> typeDeclarations(Program& program, const std::shared_ptr<Module>& module,
                                       const parser::Expr* expression);

// The classes of the type a declaration gives its name.
std::vector<Resolved> typeDeclarations(Program& program, const Resolved& declaration);

// The type of an expression where it is (narrowed), as pyright displays it; nullopt when it
// cannot be evaluated.
std::optional<std::string> displayTypeOf(Program& program, const std::shared_ptr<Module>& module,
                                         const parser::Expr* expression);
// The type a declaration gives its name.
std::optional<std::string> displayTypeOf(Program& program, const Resolved& declaration);

} // namespace shrike::checker::ide
