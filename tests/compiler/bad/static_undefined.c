// expect-error: 2:12: function 'helper' is declared static and used but never defined
static int helper(int);
int main(void) { return helper(1); }
