// expect-error: 4:5: jump to label 'inside' enters the scope of a variable with __attribute__((cleanup))
void done(int *p);
int main(void) {
    goto inside;
    int x __attribute__((cleanup(done))) = 1;
inside:
    return x;
}
