/// mimalloc rather than the system allocator: the analysis makes many small short-lived
/// allocations (a token list, a name list per paragraph), where glibc's malloc and free were a
/// tenth of a 1 MB draft's instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    copydesk::cli::run()
}
