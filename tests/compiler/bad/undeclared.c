// expect-error: 3:12: use of undeclared identifier 'y'
int main(void) {
    return y + 1;
}
