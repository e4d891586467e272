// expect-error: 3:5: use of undeclared label 'nowhere'
int main(void) {
    goto nowhere;
    return 0;
}
