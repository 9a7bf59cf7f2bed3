// Parameters: lowering of parameter lists and call arguments.
#include "parser/lowering/Lowering.h"

#include <string>
#include <vector>

namespace shrike::parser {

Parameters* Lowering::lowerParameters(TSNode node) {
  auto* parameters = make<Parameters>(node);
  std::vector<Parameter*> list;
  bool keywordOnly = false, sawSlash = false, sawVarKeyword = false;
  TSNode bareStar{};
  size_t afterBareStar = 0;
  Children kids(*this, node);
  for (const Child& c : kids) {
    if (!c.named) continue;
    switch (c.sym) {
    case Sym::positional_separator: {
      bool any = false;
      for (Parameter* p : list) {
        if (p->parameterKind == ParameterKind::PositionalOrKeyword) {
          p->parameterKind = ParameterKind::PositionalOnly;
          any = true;
        }
      }
      if (sawSlash)
        error(rangeOf(c.node), "'/' may appear only once");
      else if (keywordOnly)
        error(rangeOf(c.node), "'/' must come before '*'");
      else if (!any)
        error(rangeOf(c.node), "at least one parameter must precede '/'");
      sawSlash = true;
      break;
    }
    case Sym::keyword_separator:
      if (keywordOnly) error(rangeOf(c.node), "'*' may appear only once");
      keywordOnly = true;
      bareStar = c.node;
      afterBareStar = list.size();
      break;
    case Sym::ERROR: break;
    default: {
      Parameter* p = lowerParameter(c.node, c.sym, keywordOnly);
      if (sawVarKeyword) error(p->range, "parameters cannot follow the '**' parameter");
      if (p->parameterKind == ParameterKind::VarPositional) {
        if (keywordOnly) error(p->range, "'*' may appear only once");
        keywordOnly = true;
      }
      if (p->parameterKind == ParameterKind::VarKeyword) sawVarKeyword = true;
      list.push_back(p);
      break;
    }
    }
  }
  if (!ts_node_is_null(bareStar)) {
    bool named = false;
    for (size_t i = afterBareStar; i < list.size(); ++i)
      named |= list[i]->parameterKind == ParameterKind::KeywordOnly;
    if (!named) error(rangeOf(bareStar), "named parameters must follow a bare '*'");
  }
  parameters->parameters = finish(list, parameters);
  checkParameters(*parameters, errors_);
  return parameters;
}

Parameter* Lowering::lowerParameter(TSNode node, Sym sym, bool keywordOnly) {
  auto* p = make<Parameter>(node);
  p->parameterKind = keywordOnly ? ParameterKind::KeywordOnly : ParameterKind::PositionalOrKeyword;
  auto nameFrom = [&](TSNode n) {
    Sym s = symOf(n);
    if (s == Sym::identifier) {
      p->name = identifier(n);
    } else if (s == Sym::list_splat_pattern || s == Sym::dictionary_splat_pattern) {
      p->parameterKind =
          s == Sym::list_splat_pattern ? ParameterKind::VarPositional : ParameterKind::VarKeyword;
      TSNode inner = namedChild(n, 0);
      if (!ts_node_is_null(inner) && symOf(inner) == Sym::identifier) {
        p->name = identifier(inner);
      } else {
        error(rangeOf(n), "expected a parameter name");
      }
    } else if (s == Sym::tuple_pattern) {
      error(rangeOf(n), "tuple parameters are not supported in Python 3");
    } else {
      error(rangeOf(n), "expected a parameter name");
    }
  };
  switch (sym) {
  case Sym::identifier: p->name = identifier(node); break;
  case Sym::list_splat_pattern:
  case Sym::dictionary_splat_pattern:
  case Sym::tuple_pattern: nameFrom(node); break;
  case Sym::typed_parameter: {
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.field == fields_.type)
        p->annotation = adopt(lowerType(c.node), p);
      else if (c.named)
        nameFrom(c.node);
    }
    break;
  }
  case Sym::default_parameter:
  case Sym::typed_default_parameter: {
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.field == fields_.name)
        nameFrom(c.node);
      else if (c.field == fields_.type)
        p->annotation = adopt(lowerType(c.node), p);
      else if (c.field == fields_.value)
        p->defaultValue = adopt(lowerExpr(c), p);
    }
    break;
  }
  default: error(rangeOf(node), "expected a parameter"); break;
  }
  return p;
}

void Lowering::lowerArguments(TSNode node, std::vector<Expr*>& args,
                              std::vector<Keyword*>& keywords) {
  Children kids(*this, node);
  bool sawKeyword = false, sawDoubleStar = false;
  for (const Child& c : kids) {
    if (!c.named) continue;
    switch (c.sym) {
    case Sym::keyword_argument: {
      auto* keyword = make<Keyword>(c.node);
      Children parts(*this, c.node);
      for (const Child& p : parts) {
        if (p.field == fields_.name)
          keyword->name = identifier(p.node);
        else if (p.field == fields_.value)
          keyword->value = adopt(lowerExpr(p), keyword);
      }
      if (!keyword->value) keyword->value = adopt(missingExpr(c.node), keyword);
      for (Keyword* other : keywords) {
        if (other->name && other->name.name == keyword->name.name) {
          error(keyword->name.range,
                "keyword argument repeated: " + std::string(keyword->name.name.text()));
        }
      }
      keywords.push_back(keyword);
      sawKeyword = true;
      break;
    }
    case Sym::dictionary_splat: {
      auto* keyword = make<Keyword>(c.node);
      TSNode inner = namedChild(c.node, 0);
      keyword->value =
          adopt(ts_node_is_null(inner) ? missingExpr(c.node) : lowerExpr(inner), keyword);
      keywords.push_back(keyword);
      sawDoubleStar = true;
      break;
    }
    case Sym::generator_expression:
    default: {
      Expr* arg = lowerExpr(c);
      if (!arg->is<Starred>()) {
        if (sawDoubleStar)
          error(arg->range, "positional argument follows keyword argument unpacking");
        else if (sawKeyword)
          error(arg->range, "positional argument follows keyword argument");
      } else if (sawDoubleStar) {
        error(arg->range, "iterable argument unpacking follows keyword argument unpacking");
      }
      args.push_back(arg);
      break;
    }
    }
  }
}

} // namespace shrike::parser
