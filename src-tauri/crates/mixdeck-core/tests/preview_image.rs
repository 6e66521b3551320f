//! Layout background images fetched for the window over real HTTP on loopback: a PNG comes back
//! as a data URL; a page, an oversized body, an error status and a redirect to plain http off
//! this machine are refused, each naming the field.

use mixdeck_core::preview_image::{fetch, MAX_IMAGE_BYTES};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Answers by path: `/ok.png`, `/page.html`, `/big.png`, `/gone`, `/away` (redirect off-machine).
async fn server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut req = [0u8; 2048];
                let n = s.read(&mut req).await.unwrap_or(0);
                let line = String::from_utf8_lossy(&req[..n]);
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let png: Vec<u8> = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat();
                let (status, kind, body, extra): (&str, &str, Vec<u8>, String) = match path.as_str()
                {
                    "/ok.png" => ("200 OK", "image/png", png, String::new()),
                    "/page.html" => (
                        "200 OK",
                        "image/png",
                        b"<html><script>x</script>".to_vec(),
                        String::new(),
                    ),
                    "/big.png" => (
                        "200 OK",
                        "image/png",
                        [png, vec![0u8; MAX_IMAGE_BYTES]].concat(),
                        String::new(),
                    ),
                    "/away" => (
                        "302 Found",
                        "text/plain",
                        Vec::new(),
                        "location: http://example.com/a.png\r\n".into(),
                    ),
                    _ => ("404 Not Found", "text/plain", Vec::new(), String::new()),
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: {kind}\r\ncontent-length: {}\r\n{extra}connection: close\r\n\r\n",
                    body.len()
                );
                let _ = s.write_all(head.as_bytes()).await;
                let _ = s.write_all(&body).await;
            });
        }
    });
    base
}

#[tokio::test]
async fn a_png_comes_back_as_a_data_url_and_everything_else_is_refused() {
    let base = server().await;
    let img = fetch(&format!("{base}/ok.png")).await.unwrap();
    assert_eq!(img.mime, "image/png");
    assert!(
        img.data_url
            .starts_with("data:image/png;base64,iVBORw0KGgo"),
        "{}",
        img.data_url
    );
    assert_eq!(img.bytes, 72);

    for (path, why) in [
        ("/page.html", "is not a PNG"),
        ("/big.png", "larger than 6 MB"),
        ("/gone", "HTTP 404"),
        ("/away", "could not be fetched"),
    ] {
        let err = fetch(&format!("{base}{path}")).await.unwrap_err();
        assert_eq!(err.fields()[0].path, "backgroundImage", "{path}: {err}");
        assert!(err.to_string().contains(why), "{path}: {err}");
    }
    let err = fetch("http://cdn.example.com/bg.png").await.unwrap_err();
    assert!(err.to_string().contains("plain http"), "{err}");
    let err = fetch("https://u:secret-pw@cdn.example.com/bg.png")
        .await
        .unwrap_err();
    assert!(!err.to_string().contains("secret-pw"), "{err}");
}
