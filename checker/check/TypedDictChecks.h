// TypedDictChecks: the rules of a TypedDict definition and of the qualifiers only a TypedDict
// may use.
//
//     class Movie(TypedDict, metaclass=M):     # invalid-typed-dict: no metaclass
//         name: str
//         def title(self): ...                 # invalid-typed-dict: no methods
//     class Sequel(Movie):
//         name: int                            # invalid-typed-dict: "name" was a str
//     x: Required[int]                         # invalid-type-form: not in a TypedDict
#pragma once

#include "parser/Ast.h"

namespace shrike::checker {

class EvaluatorImpl;
class ModuleTypes;

// Parameters: no TypedDict qualifiers; `**kwargs: Unpack[X]` with X a TypedDict whose keys
// no other keyword-capable parameter repeats.
void checkTypedDictParameters(EvaluatorImpl& e, ModuleTypes& mt, const parser::FunctionDef* def);
// A class statement of a TypedDict: its body, keywords, bases and redeclared items.
void checkTypedDictClass(EvaluatorImpl& e, ModuleTypes& mt, const parser::ClassDef* def);
// Required/NotRequired/ReadOnly in an annotation outside a TypedDict's body, and the same
// qualifier nested twice (Required[NotRequired[int]]).
void checkTypedDictQualifiers(EvaluatorImpl& e, ModuleTypes& mt, const parser::Expr* annotation,
                              bool inTypedDict);

} // namespace shrike::checker
