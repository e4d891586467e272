// clang: 3:27: error: too few arguments to function call, at least argument 'f' must be specified
int p(const char *f, ...);
int main(void) { return p(); }
