// expect-error: 4:26: cleanup argument not a function
int counter;
int main(void) {
    int x __attribute__((cleanup(counter))) = 1;
    return x;
}
