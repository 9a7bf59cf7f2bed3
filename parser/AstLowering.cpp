// AstLowering: lowers a parsed module or a standalone expression (the walk is in lowering/).
#include "parser/AstLowering.h"

#include <algorithm>
#include <cctype>
#include <string>

#include <tree_sitter/api.h>

#include "parser/ScratchParse.h"
#include "parser/SourceEncoding.h"
#include "parser/SyntaxChecks.h"
#include "parser/SyntaxErrors.h"
#include "parser/TreeSitterParser.h"
#include "parser/TreeSymbols.h"
#include "parser/lowering/Lowering.h"

namespace shrike::parser {

Module* Lowering::lowerModule(TSNode root, std::vector<Comment>* comments) {
  comments_ = comments;
  auto* module = make<Module>(root);
  std::vector<Stmt*> body;
  lowerStatementsOf(root, body);
  module->body = finish(body, module);
  checkFutureImportPlacement(*module, errors_);
  // The module spans the whole text, even when tree-sitter's root starts later.
  module->range = TextRange{0, static_cast<uint32_t>(text_.size())};
  return module;
}

Expr* Lowering::lowerStandaloneExpression(TSNode root) {
  // The text was wrapped as "(" + text + "\n)": find the parenthesized expression.
  TSNode statement = namedChild(root, 0);
  if (!ts_node_is_null(statement) && symOf(statement) == Sym::expression_statement) {
    TSNode inner = namedChild(statement, 0);
    if (!ts_node_is_null(inner) && ts_node_named_child_count(root) == 1) {
      Sym sym = symOf(inner);
      if (sym == Sym::parenthesized_expression) {
        TSNode expression = namedChild(inner, 0);
        if (!ts_node_is_null(expression)) return lowerExpr(expression);
      }
      if (sym == Sym::tuple || sym == Sym::generator_expression) {
        // "(a, b)" from "a, b": a tuple without parentheses in the original.
        auto* tuple = lowerExpr(inner);
        if (auto* t = tuple->as<Tuple>()) t->parenthesized = false;
        tuple->range = TextRange{rangeOf(inner).start + 1, rangeOf(inner).end - 2};
        return tuple;
      }
    }
  }
  auto* error = make<ErrorExpr>(root);
  return error;
}

namespace {

// What CPython refuses before it tokenizes: an encoding it does not know, a byte-order mark
// with a declaration of another encoding, and bytes that are not UTF-8 when UTF-8 is the
// encoding. (SourceText::fromFileBytes has already decoded the encodings Shrike knows.)
void checkEncoding(const SourceText& text, std::vector<SyntaxError>& errors) {
  auto declaration = findCodingDeclaration(text.text());
  SourceCharset charset = declaration ? classifyEncoding(declaration->name) : SourceCharset::Utf8;
  if (declaration) {
    TextRange at{declaration->offset, declaration->offset + declaration->length};
    if (charset == SourceCharset::Unknown) {
      errors.push_back(SyntaxError{at, "unknown encoding: " + declaration->name});
      return;
    }
    // With a byte-order mark CPython insists on the spelling `utf-8` (any case, `_` for `-`).
    std::string spelled;
    for (char c : declaration->name)
      spelled.push_back(c == '_' ? '-'
                                 : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (text.hadByteOrderMark() && spelled != "utf-8" && spelled.rfind("utf-8-", 0) != 0) {
      errors.push_back(SyntaxError{at, "encoding problem: " + declaration->name +
                                           " with a UTF-8 byte-order mark"});
      return;
    }
  }
  if (text.hadInvalidUtf8() && charset == SourceCharset::Utf8) {
    uint32_t at = text.firstInvalidUtf8Offset();
    errors.push_back(SyntaxError{TextRange{at, at + 1},
                                 "this file is not valid UTF-8; save it as UTF-8 or declare its "
                                 "encoding with a '# -*- coding: ... -*-' comment (PEP 263)"});
  }
}

// The lowering of a module, recording reusable statements when `keep` and copying those of
// `previous` when it has them.
Ast lowerModuleTree(const SourceText& text, const TSTree* tree, const Ast* previous, bool keep) {
  Ast ast;
  // A module's nodes take about 4.4 bytes per byte of source (3.9-5.1 for half of Django's
  // files and typeshed's stubs): one block of 5 bytes per byte holds most modules whole.
  ast.arena.reserve(text.text().size() * 5 + 1024);
  Lowering lowering(text.text(), ast.arena, ast.syntaxErrors, 0);
  std::shared_ptr<ReusableStatements> recording;
  if (keep) {
    recording = std::make_shared<ReusableStatements>();
    HeapForTreeSitter heap; // the copy outlives any ScratchParse around this call
    recording->tree = TreePtr(ts_tree_copy(tree));
    const ReusableStatements* before = previous ? previous->reusable.get() : nullptr;
    lowering.reuseStatements(recording.get(), before, before ? &previous->comments : nullptr);
  }
  TSNode root = ts_tree_root_node(tree);
  ast.module = lowering.lowerModule(root, &ast.comments);
  checkEncoding(text, ast.syntaxErrors);
  std::vector<SyntaxError> treeErrors;
  collectSyntaxErrors(text, tree, treeErrors);
  for (SyntaxError& e : treeErrors)
    if (!lowering.recovered(e.range.start)) ast.syntaxErrors.push_back(std::move(e));
  checkIndentationConsistency(text, tree, ast.syntaxErrors);
  sortSyntaxErrors(text, ast.syntaxErrors);
  ast.reusable = std::move(recording);
  return ast;
}

} // namespace

Ast lowerTree(const SourceText& text, const TSTree* tree) {
  return lowerModuleTree(text, tree, nullptr, false);
}

Ast lowerTreeIncrementally(const SourceText& text, const TSTree* tree, const Ast* previous) {
  return lowerModuleTree(text, tree, previous, true);
}

Ast parseModule(const SourceText& text) {
  ScratchParse scratch;
  return lowerTree(text, scratch.parse(text.text()));
}

Expr* parseExpression(Arena& arena, std::string_view expression, uint32_t baseOffset,
                      std::vector<SyntaxError>& errors) {
  // Wrapped in parentheses, so that line breaks inside are allowed, as Python does for
  // string annotations; the newline keeps a trailing comment from eating the ')'.
  std::string wrapped;
  wrapped.reserve(expression.size() + 3);
  wrapped.push_back('(');
  wrapped.append(expression);
  wrapped.append("\n)");
  SourceText source(wrapped);
  TreePtr tree = TreeSitterParser::threadLocal().parse(source.text());
  int64_t shift = static_cast<int64_t>(baseOffset) - 1;
  Lowering lowering(source.text(), arena, errors, shift);
  std::vector<SyntaxError> local;
  collectSyntaxErrors(source, tree.get(), local);
  TSNode root = ts_tree_root_node(tree.get());
  Expr* result = lowering.lowerStandaloneExpression(root);
  for (SyntaxError& e : local) {
    auto clampShift = [&](uint32_t offset) {
      int64_t shifted = static_cast<int64_t>(offset) + shift;
      int64_t low = baseOffset,
              high = static_cast<int64_t>(baseOffset) + static_cast<int64_t>(expression.size());
      return static_cast<uint32_t>(std::clamp(shifted, low, high));
    };
    errors.push_back(
        SyntaxError{TextRange{clampShift(e.range.start), clampShift(e.range.end)}, e.message});
  }
  if (!local.empty() && !result->is<ErrorExpr>()) {
    // Keep the partial tree, but mark that it came from broken text.
  }
  return result;
}

} // namespace shrike::parser
