// References: scanning each candidate module's recorded references for the target's key.
#include "checker/ide/References.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

namespace shrike::checker::ide {

namespace {

using namespace parser;
using bind::noId;

bool containsWord(std::string_view text, std::string_view word) {
  if (word.empty()) return false;
  auto isIdentifier = [](char c) {
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    bool startOk = at == 0 || !isIdentifier(text[at - 1]);
    size_t end = at + word.size();
    bool endOk = end >= text.size() || !isIdentifier(text[end]);
    if (startOk && endOk) return true;
  }
  return false;
}

class Scanner {
public:
  Scanner(Program& program, const CursorSymbol& target) : program_(program), target_(target) {
    for (const Resolved& d : target.definitions) {
      if (d.isModule()) continue;
      const bind::SemanticIndex& index = *d.module->index;
      // Only a class member can be reached through a value (`obj.name`); anything else is
      // reached through modules alone, and no receiver's type needs evaluating.
      if (index.scope(index.symbol(d.decl().symbol).scope).kind == bind::ScopeKind::Class)
        attributes_ = AttributeResolution::ThroughTypes;
      index.forEachDeclaration(d.decl().symbol, [&](bind::DeclId id) {
        const bind::Declaration& decl = index.declaration(id);
        if (decl.kind != bind::DeclarationKind::Import &&
            decl.kind != bind::DeclarationKind::ImportFrom)
          declarations_.insert({d.module->path, decl.nameRange.start});
      });
    }
  }

  void scan(const std::shared_ptr<Module>& module, bool includeDeclaration,
            std::vector<ReferenceHit>& out) {
    const bind::SemanticIndex& index = *module->index;
    std::unordered_map<bind::SymbolId, bool>
        matches; // per module: does a symbol lead to the target
    auto symbolMatches = [&](bind::SymbolId symbol) {
      auto [it, inserted] = matches.try_emplace(symbol, false);
      if (inserted) it->second = definitionKey(program_, module, symbol) == target_.key;
      return it->second;
    };
    auto add = [&](TextRange range, bool isWrite) {
      bool isDeclaration = declarations_.count({module->path, range.start}) != 0;
      if (isDeclaration && !includeDeclaration) return;
      if (!seen_.insert({module->path, range.start}).second) return;
      out.push_back(ReferenceHit{SourceLocation{module->path, range, module->text}, isDeclaration,
                                 isWrite || isDeclaration});
    };
    for (const bind::Reference& reference : index.references()) {
      if (reference.isName()) {
        if (reference.symbol != noId) {
          if (symbolMatches(reference.symbol))
            add(reference.node->range, reference.has(bind::RefStore));
        } else if (builtinMatches(reference.name())) {
          add(reference.node->range, false);
        }
      }
    }
    // `mod.name` and `obj.name`, whatever the receiver (`make().name` too): each attribute
    // spelling the name is resolved as a cursor there would be (module members, or the
    // receiver's type and its MRO).
    std::set<const Node*> stores;
    for (const bind::Reference& reference : index.references())
      if (!reference.isName() && reference.has(bind::RefStore)) stores.insert(reference.node);
    std::function<void(Node*)> visit = [&](Node* node) {
      if (const auto* attribute = node->as<Attribute>();
          attribute && attribute->attr && attribute->attr.name.text() == name_) {
        std::optional<CursorSymbol> here =
            symbolAt(program_, module->path, attribute->attr.range.start, {}, attributes_);
        if (here && here->key == target_.key)
          add(attribute->attr.range, stores.count(attribute) != 0);
      }
      forEachChild(node, visit);
    };
    forEachChild(module->ast->module, visit);
    // Names in import statements, and the declarations of the symbol in this module.
    for (const bind::Declaration& decl : index.declarations()) {
      if (decl.symbol == noId || decl.kind == bind::DeclarationKind::Implicit) continue;
      if (!symbolMatches(decl.symbol)) continue;
      if (decl.kind == bind::DeclarationKind::ImportFrom && decl.import != noId &&
          !decl.has(bind::DeclStarImport)) {
        const bind::ImportRecord& record = index.import(decl.import);
        add(record.nameRange, false);
        if (decl.nameRange != record.nameRange) add(decl.nameRange, true); // `as alias`
      } else if (decl.kind != bind::DeclarationKind::Import) {
        add(decl.nameRange, true);
      }
    }
  }

  const std::string& name() const { return name_; }
  void setName(std::string name) { name_ = std::move(name); }

private:
  bool builtinMatches(Name name) {
    if (name.text() != name_) return false;
    auto builtins = program_.graph().builtins();
    if (!builtins || target_.key.module != builtins->id) return false;
    return true;
  }

  Program& program_;
  const CursorSymbol& target_;
  std::string name_;
  AttributeResolution attributes_ = AttributeResolution::ModulesOnly;
  std::set<std::pair<std::string, uint32_t>> declarations_;
  std::set<std::pair<std::string, uint32_t>> seen_;
};

void sortHits(std::vector<ReferenceHit>& hits) {
  std::sort(hits.begin(), hits.end(), [](const ReferenceHit& a, const ReferenceHit& b) {
    if (a.location.path != b.location.path) return a.location.path < b.location.path;
    return a.location.range.start < b.location.range.start;
  });
}

} // namespace

// The definition's own name: aliases still spell it in their import statement.
std::string referenceName(const CursorSymbol& target) {
  if (target.definitions.empty()) return "";
  const Resolved& definition = target.definitions.front();
  if (definition.isModule()) {
    const std::string& dotted = definition.module->name;
    size_t dot = dotted.rfind('.');
    return dot == std::string::npos ? dotted : dotted.substr(dot + 1);
  }
  return std::string(definition.module->index->symbol(definition.decl().symbol).name.text());
}

std::vector<ReferenceHit> findReferences(Program& program, const CursorSymbol& target,
                                         const std::vector<std::string>& files,
                                         bool includeDeclaration,
                                         const CancellationToken& cancelled) {
  std::vector<ReferenceHit> hits;
  if (target.definitions.empty()) return hits;
  Scanner scanner(program, target);
  scanner.setName(referenceName(target));
  std::vector<std::string> paths = files;
  paths.push_back(target.module->path);
  for (const Resolved& d : target.definitions) paths.push_back(d.module->path);
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  for (const std::string& path : paths) {
    if (cancelled) break;
    std::shared_ptr<Module> module = program.module(path);
    if (!module || !module->index || !module->text) continue;
    // Only a file that spells the name can use it (an alias is spelled in its import); the
    // cursor's own module may use it under a local alias.
    if (module != target.module && !containsWord(module->text->text(), scanner.name())) continue;
    scanner.scan(module, includeDeclaration, hits);
  }
  sortHits(hits);
  return hits;
}

std::vector<ReferenceHit> referencesInModule(Program& program, const CursorSymbol& target) {
  std::vector<ReferenceHit> hits;
  if (target.definitions.empty()) return hits;
  Scanner scanner(program, target);
  scanner.setName(referenceName(target));
  scanner.scan(target.module, true, hits);
  // Declarations of the target elsewhere (another module) do not belong in this file.
  std::erase_if(hits,
                [&](const ReferenceHit& hit) { return hit.location.path != target.module->path; });
  sortHits(hits);
  return hits;
}

} // namespace shrike::checker::ide
