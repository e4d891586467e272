// expect-error: 6:5: switch jumps into the scope of a variable with __attribute__((cleanup))
void done(int *p);
int f(int n) {
    switch (n) {
        int x __attribute__((cleanup(done)));
    case 1:
        return 1;
    }
    return 0;
}
