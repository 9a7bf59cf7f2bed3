// ReferenceTable: resolving a module's uses ahead of time, and the per-file table of them.
#include "checker/ide/ReferenceTable.h"

#include <functional>
#include <mutex>
#include <set>

namespace shrike::checker::ide {

using namespace parser;
using bind::noId;

std::string referenceKey(Program& program, const SymbolKey& key) {
  if (!key) return "";
  auto module = program.graph().module(key.module);
  if (!module) return "";
  if (key.symbol == noId) return module->path;
  program.graph().ready(*module);
  if (!module->index || key.symbol >= module->index->symbols().size()) return "";
  const bind::SemanticIndex& index = *module->index;
  const bind::Symbol& symbol = index.symbol(key.symbol);
  std::string name(symbol.name.text());
  for (bind::ScopeId s = symbol.scope; s != noId && s != bind::moduleScopeId;
       s = index.scope(s).parent) {
    const Node* owner = index.scope(s).node;
    if (auto* f = owner ? owner->as<FunctionDef>() : nullptr;
        f && index.scope(s).kind == bind::ScopeKind::Function)
      name = std::string(f->name.name.text()) + "." + name;
    else if (auto* c = owner ? owner->as<ClassDef>() : nullptr;
             c && index.scope(s).kind == bind::ScopeKind::Class)
      name = std::string(c->name.name.text()) + "." + name;
  }
  return module->path + "\n" + name;
}

namespace {

class UseCollector {
public:
  UseCollector(Program& program, const std::shared_ptr<Module>& module,
               const CancellationToken& cancelled)
      : program_(program), module_(module), index_(*module->index), cancelled_(cancelled) {}

  ModuleUses collect() {
    names();
    attributes();
    declarations();
    return std::move(out_);
  }

private:
  // The key of a symbol of this module after following imports; none (UINT32_MAX) when it is
  // defined here or leads nowhere.
  uint32_t symbolKey(bind::SymbolId symbol) {
    auto [it, inserted] = symbols_.try_emplace(symbol, UINT32_MAX);
    if (inserted) it->second = keyOf(definitionKey(program_, module_, symbol));
    return it->second;
  }
  uint32_t keyOf(const SymbolKey& key) {
    if (!key || key.module == module_->id) return UINT32_MAX;
    std::string name = referenceKey(program_, key);
    if (name.empty()) return UINT32_MAX;
    auto [it, inserted] = keys_.try_emplace(name, static_cast<uint32_t>(out_.keys.size()));
    if (inserted) out_.keys.push_back(std::move(name));
    return it->second;
  }
  void add(TextRange range, bool isWrite, uint32_t key) {
    if (key == UINT32_MAX) return;
    out_.entries.push_back({TableUse{range.start, range.length(), isWrite}, key});
  }

  // Names: those bound in this module lead through its imports; the others are builtins.
  void names() {
    auto builtins = program_.graph().builtins();
    for (const bind::Reference& reference : index_.references()) {
      if (!reference.isName()) continue;
      if (reference.symbol != noId) {
        add(reference.node->range, reference.has(bind::RefStore), symbolKey(reference.symbol));
      } else if (builtins && builtins->index) {
        ModuleMember member = program_.graph().member(*builtins, reference.name());
        if (member.kind == ModuleMember::Symbol)
          add(reference.node->range, false, keyOf(SymbolKey{builtins->id, member.symbol}));
      }
    }
  }

  // `mod.name` and `obj.name`: resolved as a cursor on the name would be.
  void attributes() {
    std::set<const Node*> stores;
    for (const bind::Reference& reference : index_.references())
      if (!reference.isName() && reference.has(bind::RefStore)) stores.insert(reference.node);
    std::function<void(Node*)> visit = [&](Node* node) {
      if (cancelled_) return;
      if (const auto* attribute = node->as<Attribute>(); attribute && attribute->attr) {
        std::optional<CursorSymbol> here =
            symbolAt(program_, module_->path, attribute->attr.range.start, cancelled_);
        if (here) add(attribute->attr.range, stores.count(attribute) != 0, keyOf(here->key));
      }
      forEachChild(node, visit);
    };
    forEachChild(module_->ast->module, visit);
  }

  // Names in import statements (`from m import name as alias`), and other declarations of
  // symbols defined elsewhere.
  void declarations() {
    for (const bind::Declaration& decl : index_.declarations()) {
      if (decl.symbol == noId || decl.kind == bind::DeclarationKind::Implicit ||
          decl.kind == bind::DeclarationKind::Import)
        continue;
      uint32_t key = symbolKey(decl.symbol);
      if (key == UINT32_MAX) continue;
      if (decl.kind == bind::DeclarationKind::ImportFrom && decl.import != noId &&
          !decl.has(bind::DeclStarImport)) {
        const bind::ImportRecord& record = index_.import(decl.import);
        add(record.nameRange, false, key);
        if (decl.nameRange != record.nameRange) add(decl.nameRange, true, key);
      } else if (decl.kind != bind::DeclarationKind::ImportFrom) {
        add(decl.nameRange, true, key);
      }
    }
  }

  Program& program_;
  const std::shared_ptr<Module>& module_;
  const bind::SemanticIndex& index_;
  const CancellationToken& cancelled_;
  ModuleUses out_;
  std::unordered_map<std::string, uint32_t> keys_;
  std::unordered_map<bind::SymbolId, uint32_t> symbols_;
};

} // namespace

ModuleUses crossModuleUses(Program& program, const std::shared_ptr<Module>& module,
                           const CancellationToken& cancelled) {
  if (!module || !module->ast || !module->index) return {};
  return UseCollector(program, module, cancelled).collect();
}

uint64_t ReferenceTable::stamp(const std::string& path) const {
  std::shared_lock lock(mutex_);
  auto it = removed_.find(path);
  return it == removed_.end() ? 0 : it->second;
}

void ReferenceTable::set(const std::string& path, const ModuleUses& uses, uint64_t stamp) {
  std::unique_lock lock(mutex_);
  auto it = removed_.find(path);
  if ((it == removed_.end() ? 0 : it->second) != stamp) return;
  std::vector<uint32_t> ids;
  ids.reserve(uses.keys.size());
  for (const std::string& key : uses.keys) {
    auto [at, inserted] = keyIds_.try_emplace(key, static_cast<uint32_t>(keyNames_.size()));
    if (inserted) keyNames_.push_back(&at->first);
    ids.push_back(at->second);
  }
  std::vector<Packed> packed;
  packed.reserve(uses.entries.size());
  for (const ModuleUses::Entry& entry : uses.entries)
    packed.push_back(Packed{entry.use.start, entry.use.length & 0x7fffffffu,
                            entry.use.isWrite ? 1u : 0u, ids[entry.key]});
  files_[path] = std::move(packed);
}

void ReferenceTable::remove(const std::string& path) {
  std::unique_lock lock(mutex_);
  files_.erase(path);
  removed_[path] = nextStamp_++;
}

void ReferenceTable::removeWithDependents(const std::string& path) {
  std::unique_lock lock(mutex_);
  std::vector<bool> affected(keyNames_.size(), false);
  for (size_t id = 0; id < keyNames_.size(); ++id) {
    const std::string& key = *keyNames_[id];
    affected[id] = key.compare(0, path.size(), path) == 0 &&
                   (key.size() == path.size() || key[path.size()] == '\n');
  }
  for (auto it = files_.begin(); it != files_.end();) {
    bool uses = it->first == path;
    for (const Packed& use : it->second)
      if (uses || affected[use.key]) {
        uses = true;
        break;
      }
    if (uses) {
      removed_[it->first] = nextStamp_++;
      it = files_.erase(it);
    } else {
      ++it;
    }
  }
  removed_[path] = nextStamp_++;
}

void ReferenceTable::clear() {
  std::unique_lock lock(mutex_);
  for (const auto& [path, uses] : files_) removed_[path] = nextStamp_++;
  files_.clear();
}

std::optional<std::vector<TableUse>> ReferenceTable::usesOf(const std::string& path,
                                                            std::string_view key) const {
  std::shared_lock lock(mutex_);
  auto file = files_.find(path);
  if (file == files_.end()) return std::nullopt;
  std::vector<TableUse> out;
  auto id = keyIds_.find(std::string(key));
  if (id == keyIds_.end()) return out;
  for (const Packed& use : file->second)
    if (use.key == id->second) out.push_back(TableUse{use.start, use.length, use.isWrite != 0});
  return out;
}

size_t ReferenceTable::files() const {
  std::shared_lock lock(mutex_);
  return files_.size();
}

size_t ReferenceTable::bytes() const {
  std::shared_lock lock(mutex_);
  size_t total = 0;
  for (const auto& [path, uses] : files_) total += path.size() + uses.capacity() * sizeof(Packed);
  for (const auto& [key, id] : keyIds_) total += key.size() + sizeof(void*) * 2;
  return total;
}

} // namespace shrike::checker::ide
