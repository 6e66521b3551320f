#!/usr/bin/env bash
# Makes the sandbox's recorded media once (the output is committed; builds and tests never run
# this). A 6 s test pattern with a 440 Hz tone: H.264 baseline 320x180 at 15 fps, AAC mono, cut
# into 2 s MPEG-TS slices the way Agora's recorder slices HLS (audio+video, audio only, video
# only), the whole clip as MP4, and one JPEG frame for snapshots. Needs ffmpeg.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
V="-c:v libx264 -profile:v baseline -preset veryslow -b:v 70k -maxrate 90k -bufsize 90k -g 30 -pix_fmt yuv420p"
A="-c:a aac -b:a 24k -ac 1"
SRC="-f lavfi -i testsrc2=size=320x180:rate=15"
SINE="-f lavfi -i sine=frequency=440:sample_rate=48000"
H="-f hls -hls_time 2 -hls_list_size 0"
# shellcheck disable=SC2086
{
  ffmpeg -loglevel error $SRC $SINE -t 6 $V $A $H -hls_segment_filename "$tmp/av_%d.ts" "$tmp/av.m3u8"
  ffmpeg -loglevel error $SINE -t 6 $A $H -hls_segment_filename "$tmp/audio_%d.ts" "$tmp/audio.m3u8"
  ffmpeg -loglevel error $SRC -t 6 $V -an $H -hls_segment_filename "$tmp/video_%d.ts" "$tmp/video.m3u8"
  ffmpeg -loglevel error -y $SRC $SINE -t 6 $V $A -movflags +faststart clip.mp4
  ffmpeg -loglevel error -y $SRC -frames:v 1 -q:v 8 snapshot.jpg
}
# Three 2 s slices of each; the audio encoder's last few ms (a fourth slice) are dropped.
for kind in av audio video; do
  for i in 0 1 2; do cp "$tmp/${kind}_$i.ts" .; done
done
