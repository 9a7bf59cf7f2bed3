// StructuralFields: the fields of an error-free node's children, read from their order alone.
#include "parser/StructuralFields.h"

namespace shrike::parser {

bool hasStructuralFields(Sym parent) {
  switch (parent) {
  case Sym::attribute:
  case Sym::call:
  case Sym::assignment:
  case Sym::augmented_assignment:
  case Sym::binary_operator:
  case Sym::boolean_operator:
  case Sym::comparison_operator:
  case Sym::unary_operator:
  case Sym::not_operator:
  case Sym::pair:
  case Sym::keyword_argument:
  case Sym::default_parameter:
  case Sym::named_expression:
  case Sym::subscript:
  case Sym::typed_parameter: return true;
  default: return false;
  }
}

TSFieldId structuralField(Sym parent, uint32_t position, SymbolInfo child, Sym previous,
                          const TreeFields& fields) {
  switch (parent) {
  // object '.' attribute
  case Sym::attribute:
    return position == 0 ? fields.object : child.named ? fields.attribute : TSFieldId{0};
  // function arguments
  case Sym::call: return position == 0 ? fields.function : fields.arguments;
  // left ('=' right | ':' type | ':' type '=' right)
  case Sym::assignment:
    if (position == 0) return fields.left;
    if (!child.named) return 0;
    return previous == Sym::tk_equal ? fields.right : previous == Sym::tk_colon ? fields.type : 0;
  // left operator right, the operator a token
  case Sym::augmented_assignment:
  case Sym::binary_operator:
  case Sym::boolean_operator:
    return position == 0 ? fields.left : position == 1 ? fields.operator_ : fields.right;
  // operand (operators operand)...: every token is an operator (`not in` and `is not` are one)
  case Sym::comparison_operator: return child.named ? TSFieldId{0} : fields.operators;
  // operator argument
  case Sym::unary_operator: return position == 0 ? fields.operator_ : fields.argument;
  // 'not' argument
  case Sym::not_operator: return child.named ? fields.argument : TSFieldId{0};
  // key ':' value, name '=' value, name ':=' value
  case Sym::pair: return position == 0 ? fields.key : child.named ? fields.value : TSFieldId{0};
  case Sym::keyword_argument:
  case Sym::default_parameter:
  case Sym::named_expression:
    return position == 0 ? fields.name : child.named ? fields.value : TSFieldId{0};
  // value '[' subscript (',' subscript)* ','? ']'
  case Sym::subscript:
    return position == 0 ? fields.value : child.named ? fields.subscript : TSFieldId{0};
  // name ':' type (the name has no field)
  case Sym::typed_parameter:
    return child.named && previous == Sym::tk_colon ? fields.type : TSFieldId{0};
  default: return 0;
  }
}

} // namespace shrike::parser
