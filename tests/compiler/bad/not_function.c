// expect-error: 4:12: called object type 'int' is not a function or function pointer
int main(void) {
    int v = 3;
    return v(2);
}
