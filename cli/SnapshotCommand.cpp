// SnapshotCommand: lowers each stub of a folder and writes the snapshot file atomically.
#include "cli/SnapshotCommand.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

#include "cli/CheckCommand.h"
#include "parser/AstLowering.h"
#include "parser/AstSnapshot.h"

namespace shrike::cli {

int runSnapshotStubs(const std::string& folder, const std::string& output) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    std::cerr << "shrike snapshot-stubs: no folder " << folder << ": no snapshot written\n";
    std::filesystem::remove(output, ec); // an old one would only be refused
    return ExitSuccess;
  }
  std::vector<fs::path> stubs;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && it->path().extension() == ".pyi") stubs.push_back(it->path());
  std::sort(stubs.begin(), stubs.end());

  parser::AstSnapshotWriter writer;
  for (const fs::path& stub : stubs) {
    std::ifstream in(stub, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) continue;
    // Read as Program::readFile reads a file, so the snapshot's keys meet the checker's texts.
    parser::SourceText text(std::move(bytes));
    writer.add(text, parser::parseModule(text));
  }
  std::string bytes = writer.finish();
  // Written beside and renamed over, so a check running meanwhile never maps half a file.
  std::string temporary = output + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::cerr << "shrike snapshot-stubs: cannot write " << temporary << '\n';
      return ExitUsage;
    }
  }
  fs::rename(temporary, output, ec);
  if (ec) {
    std::cerr << "shrike snapshot-stubs: cannot write " << output << ": " << ec.message() << '\n';
    return ExitUsage;
  }
  return ExitSuccess;
}

} // namespace shrike::cli
