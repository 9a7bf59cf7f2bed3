// Empty: keeps a layer library buildable while its folder has no sources yet.
