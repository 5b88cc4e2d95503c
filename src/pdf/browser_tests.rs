//! Tests of where the browser is looked for on each system, and of the URLs it is given.

use super::*;

fn env_of<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
    move |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| OsString::from(v))
    }
}

fn shown(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}

#[test]
fn windows_looks_on_path_then_at_edge_and_chrome() {
    let env = env_of(&[
        ("PATH", r#"C:\Windows\system32;"C:\Tools\bin";;D:\apps\"#),
        ("ProgramFiles", r"C:\Program Files"),
        ("ProgramFiles(x86)", r"C:\Program Files (x86)"),
        ("LocalAppData", r"C:\Users\山田\AppData\Local"),
    ]);
    let list = shown(&candidates(System::Windows, &env));
    assert_eq!(
        list,
        [
            r"C:\Windows\system32\chrome.exe",
            r"C:\Tools\bin\chrome.exe",
            r"D:\apps\chrome.exe",
            r"C:\Windows\system32\msedge.exe",
            r"C:\Tools\bin\msedge.exe",
            r"D:\apps\msedge.exe",
            r"C:\Windows\system32\chromium.exe",
            r"C:\Tools\bin\chromium.exe",
            r"D:\apps\chromium.exe",
            r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
            r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
            r"C:\Program Files\Google\Chrome\Application\chrome.exe",
            r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
            r"C:\Users\山田\AppData\Local\Google\Chrome\Application\chrome.exe",
        ]
    );
}

#[test]
fn windows_without_the_variables_skips_those_places() {
    let env = env_of(&[("ProgramFiles(x86)", r"C:\Program Files (x86)")]);
    let list = shown(&candidates(System::Windows, &env));
    assert_eq!(
        list,
        [
            r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
            r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
        ]
    );
}

#[test]
fn macos_looks_in_both_applications_folders() {
    let env = env_of(&[("PATH", "/opt/homebrew/bin"), ("HOME", "/Users/yamada")]);
    let list = shown(&candidates(System::MacOs, &env));
    assert_eq!(list[0], "/opt/homebrew/bin/chromium");
    assert_eq!(list.len(), 5 + 6);
    assert_eq!(
        list[5..],
        [
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Users/yamada/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Users/yamada/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
            "/Users/yamada/Applications/Chromium.app/Contents/MacOS/Chromium",
        ]
    );
}

#[test]
fn linux_keeps_the_names_on_path() {
    let env = env_of(&[("PATH", "/usr/local/bin:/usr/bin"), ("HOME", "/root")]);
    let list = shown(&candidates(System::Unix, &env));
    assert_eq!(
        list,
        [
            "/usr/local/bin/chromium",
            "/usr/bin/chromium",
            "/usr/local/bin/chromium-browser",
            "/usr/bin/chromium-browser",
            "/usr/local/bin/google-chrome",
            "/usr/bin/google-chrome",
            "/usr/local/bin/google-chrome-stable",
            "/usr/bin/google-chrome-stable",
            "/usr/local/bin/chrome",
            "/usr/bin/chrome",
        ]
    );
}

#[test]
fn the_message_names_what_was_searched_and_the_option() {
    let env = env_of(&[
        ("PATH", r"C:\Windows\system32"),
        ("ProgramFiles", r"C:\Program Files"),
    ]);
    let message = not_found(System::Windows, &installed(System::Windows, &env));
    assert!(message.contains("chrome.exe, msedge.exe"), "{message}");
    assert!(
        message.contains(r"C:\Program Files\Microsoft\Edge\Application\msedge.exe"),
        "{message}"
    );
    assert!(message.contains("--browser PATH"), "{message}");
    assert!(
        !message.contains(r"system32"),
        "PATH folders are not listed one by one: {message}"
    );
    let message = not_found(System::Unix, &[]);
    assert!(message.contains("chromium, chromium-browser"), "{message}");
    assert!(message.contains("apt-get install chromium"), "{message}");
}

#[test]
fn missing_browser_is_a_clear_error() {
    let err = find(Some(Path::new("/nonexistent/chromium"))).unwrap_err();
    assert!(err.contains("does not exist"));
}

#[test]
fn file_urls_for_each_system() {
    assert_eq!(
        file_url(System::Unix, "/tmp/sosei pdf/site/full.html"),
        "file:///tmp/sosei%20pdf/site/full.html"
    );
    assert_eq!(
        file_url(System::Windows, r"\\?\C:\Users\山田\Temp\a#b\full.html"),
        "file:///C:/Users/%E5%B1%B1%E7%94%B0/Temp/a%23b/full.html"
    );
    assert_eq!(
        file_url(System::Windows, r"C:\x\full.html"),
        "file:///C:/x/full.html"
    );
    assert_eq!(
        file_url(System::Windows, r"\\?\UNC\server\share\full.html"),
        "file://server/share/full.html"
    );
    assert_eq!(
        file_url(System::Windows, r"\\server\share\full.html"),
        "file://server/share/full.html"
    );
}
