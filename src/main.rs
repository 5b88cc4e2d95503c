fn main() {
    let (sources, mut d) = sosei::load::load(std::path::Path::new("content"));
    let (report, d2) = sosei::validate::validate(&sources);
    d.extend(d2);
    print!("{}", d);
    println!("files {} ok {}", sources.files_read, report.is_some());
}
