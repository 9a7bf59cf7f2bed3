// FileModuleProvider: a ModuleProvider over files on disk — resolves names with the
// ModuleResolver, then parses and binds each module once, on first request, on any thread.
// Used by tests and tools that run the evaluator without a full Program.
#pragma once

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "checker/bind/Binder.h"
#include "checker/infer/ModuleProvider.h"
#include "checker/resolve/ModuleResolver.h"

namespace shrike::checker {

class FileModuleProvider : public ModuleProvider {
public:
  FileModuleProvider(std::shared_ptr<ModuleResolver> resolver, PythonVersion version,
                     std::string platform);
  ~FileModuleProvider() override;

  const BoundModule* moduleNamed(std::string_view dottedName) override;
  const BoundModule* importedModule(const BoundModule& from, bind::ImportId import) override;
  const BoundModule* submodule(const BoundModule& package, parser::Name name) override;

  // A file to check: its diagnostics are wanted. `text` overrides the file's contents.
  const BoundModule* projectModule(const std::string& path,
                                   std::shared_ptr<const parser::SourceText> text = nullptr);

private:
  struct Entry;
  const BoundModule* load(const ResolvedModule& resolved, std::string name, bool project,
                          std::shared_ptr<const parser::SourceText> text);

  std::shared_ptr<ModuleResolver> resolver_;
  PythonVersion version_;
  std::string platform_;
  std::mutex mutex_;
  std::map<std::string, std::shared_future<const BoundModule*>> byPath_;
  std::map<std::string, const BoundModule*, std::less<>> byName_;
  std::vector<std::unique_ptr<Entry>> entries_;
};

} // namespace shrike::checker
