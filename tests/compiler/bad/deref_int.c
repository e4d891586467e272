// expect-error: 4:13: indirection requires pointer operand ('int' invalid)
int main(void) {
    int v = 3;
    return *v;
}
