//! svnicctl: configure and inspect svnic.
fn main() {
    println!("svnicctl: under construction");
}
