// expect-error: 3:12: use of undeclared identifier 'nothing'
int main(void) {
    typeof(nothing) x = 0;
    return x;
}
