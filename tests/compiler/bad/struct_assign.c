// expect-error: 5:5: assigning to 'struct A' from incompatible type 'int'
struct A { int x; };
int main(void) {
    struct A a;
    a = 5;
    return 0;
}
