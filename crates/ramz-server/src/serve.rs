//! The HTTP listeners: HTTP/1.1 connections with a header-read timeout,
//! a per-request deadline (in the router), and a shutdown that stops
//! accepting, lets in-flight requests finish, and exits after
//! `shutdown_grace` even if a client stalls.

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

/// One listener and what it serves.
pub(crate) struct Endpoint {
    pub listener: TcpListener,
    pub router: Router,
    pub name: &'static str,
}

/// Serves every endpoint until `shutdown` completes (or the servers stop
/// on their own), then drains for at most `grace`.
pub(crate) async fn until(
    endpoints: Vec<Endpoint>,
    header_read_timeout: Duration,
    grace: Duration,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    let (stop_tx, stop_rx) = watch::channel(false);
    let server = tokio::spawn(run(endpoints, header_read_timeout, grace, stop_rx));
    tokio::pin!(server);
    tokio::select! {
        () = shutdown => {
            let _ = stop_tx.send(true);
            let _ = server.await;
        }
        _ = &mut server => {}
    }
}

/// Serves every endpoint until `stop` turns true, then drains for at most
/// `grace`.
pub(crate) async fn run(
    endpoints: Vec<Endpoint>,
    header_read_timeout: Duration,
    grace: Duration,
    stop: watch::Receiver<bool>,
) {
    let mut loops = JoinSet::new();
    for e in endpoints {
        loops.spawn(accept_loop(e, header_read_timeout, grace, stop.clone()));
    }
    while loops.join_next().await.is_some() {}
}

async fn accept_loop(
    endpoint: Endpoint,
    header_read_timeout: Duration,
    grace: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let Endpoint {
        listener,
        router,
        name,
    } = endpoint;
    let mut conns = JoinSet::new();
    loop {
        if *stop.borrow() {
            break;
        }
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let _ = stream.set_nodelay(true);
                    conns.spawn(connection(stream, peer, router.clone(), header_read_timeout, stop.clone()));
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait, retry.
                    tracing::warn!(listener = name, error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            changed = stop.changed() => {
                if changed.is_err() {
                    break;
                }
            }
            // Reap finished connections as we go.
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
    drop(listener);
    let open = conns.len();
    let drained =
        tokio::time::timeout(grace, async { while conns.join_next().await.is_some() {} }).await;
    if drained.is_err() {
        tracing::warn!(
            listener = name,
            open_connections = conns.len(),
            of = open,
            grace_seconds = grace.as_secs_f64(),
            "shutdown grace over; closing the remaining connections"
        );
        conns.abort_all();
        while conns.join_next().await.is_some() {}
    }
}

async fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    router: Router,
    header_read_timeout: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let service = TowerToHyperService::new(router.layer(axum::Extension(ConnectInfo(peer))));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout);
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let stopping = *stop.borrow();
    if stopping {
        conn.as_mut().graceful_shutdown();
        let _ = conn.as_mut().await;
        return;
    }
    tokio::select! {
        r = conn.as_mut() => {
            if let Err(e) = r {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        }
        _ = stop.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.as_mut().await;
        }
    }
}
