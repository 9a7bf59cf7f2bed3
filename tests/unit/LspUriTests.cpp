// LspUriTests: file URIs <-> paths, with percent-encoding and the schemes that are not files.
#include "lsp/Uri.h"

#include <gtest/gtest.h>

using namespace shrike::lsp;

TEST(LspUri, DecodesFileUris) {
  EXPECT_EQ(uriToPath("file:///home/me/a%20b.py"), "/home/me/a b.py");
  EXPECT_EQ(uriToPath("file://localhost/x.py"), "/x.py");
  EXPECT_EQ(uriToPath("FILE:///x/./y/../z.py"), "/x/z.py");
  EXPECT_EQ(uriToPath("file:///proj/"), "/proj");
  EXPECT_EQ(uriToPath("file:///caf%C3%A9.py"), "/caf\xC3\xA9.py");
}

TEST(LspUri, RefusesWhatIsNotALocalFile) {
  EXPECT_EQ(uriToPath("untitled:Untitled-1"), std::nullopt);
  EXPECT_EQ(uriToPath("https://example.com/a.py"), std::nullopt);
  EXPECT_EQ(uriToPath("file://server/share/a.py"), std::nullopt);
  EXPECT_EQ(uriToPath("file:relative.py"), std::nullopt);
  EXPECT_EQ(uriToPath("file:///a%00b"), std::nullopt);
}

TEST(LspUri, EncodesPathsAndRoundTrips) {
  EXPECT_EQ(pathToUri("/home/me/a b.py"), "file:///home/me/a%20b.py");
  for (std::string path : {"/a/b.py", "/with space/x#y?.py", "/caf\xC3\xA9/%41.py"})
    EXPECT_EQ(uriToPath(pathToUri(path)), path);
}
