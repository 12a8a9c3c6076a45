import type { PlexStreamDetailsDto } from './plex.dto';
import { attrs, child, text, textOrNull, type PlexNode } from '../plex-common/plex.node';

/**
 * How one session is delivered, from the item's `Media` (the source file) and `TranscodeSession`
 * (present only when PMS converts something). PMS states no reason of its own in `/status/sessions`,
 * so the reason says what is converted, source → stream, as Plex Web's dashboard does.
 */
export function streamDetails(item: PlexNode, transcode: PlexNode | undefined): PlexStreamDetailsDto {
  const media = child(item, 'Media');
  const m = media ? attrs(media) : {};
  const t = transcode ? attrs(transcode) : {};
  const videoCodec = textOrNull(m.videoCodec) ?? textOrNull(t.sourceVideoCodec);
  const audioCodec = textOrNull(m.audioCodec) ?? textOrNull(t.sourceAudioCodec);
  const container = textOrNull(m.container);
  const video = text(t.videoDecision);
  const audio = text(t.audioDecision);
  const subtitles = textOrNull(t.subtitleDecision);
  const streamVideo = video === 'transcode' ? (textOrNull(t.videoCodec) ?? videoCodec) : videoCodec;
  const streamAudio = audio === 'transcode' ? (textOrNull(t.audioCodec) ?? audioCodec) : audioCodec;
  const streamContainer = transcode ? (textOrNull(t.container) ?? container) : container;
  return {
    container,
    video_codec: videoCodec,
    audio_codec: audioCodec,
    resolution: resolution(textOrNull(m.videoResolution)),
    stream_container: streamContainer,
    stream_video_codec: streamVideo,
    stream_audio_codec: streamAudio,
    subtitle_decision: subtitles,
    transcode_reason: transcode
      ? reason(video, audio, subtitles, {
          videoCodec,
          audioCodec,
          streamVideo,
          streamAudio,
          container,
          streamContainer,
        })
      : null,
  };
}

/** PMS's `videoResolution` is "4k", "1080", "720", "480" or "sd": numbers get their "p". */
function resolution(value: string | null): string | null {
  if (!value) return null;
  return /^\d+$/.test(value) ? `${value}p` : value.toUpperCase();
}

interface Codecs {
  videoCodec: string | null;
  audioCodec: string | null;
  streamVideo: string | null;
  streamAudio: string | null;
  container: string | null;
  streamContainer: string | null;
}

function reason(video: string, audio: string, subtitles: string | null, c: Codecs): string {
  const arrow = (a: string | null, b: string | null) =>
    !a || !b ? 'transcoded' : a === b ? `${a} re-encoded` : `${a} → ${b}`;
  const parts: string[] = [];
  if (video === 'transcode') parts.push(`video ${arrow(c.videoCodec, c.streamVideo)}`);
  if (audio === 'transcode') parts.push(`audio ${arrow(c.audioCodec, c.streamAudio)}`);
  if (subtitles === 'burn') parts.push('subtitles burned in');
  if (!parts.length && c.container !== c.streamContainer)
    parts.push(`container ${arrow(c.container, c.streamContainer)}, streams copied`);
  if (!parts.length) parts.push('streams copied');
  const sentence = parts.join(', ');
  return sentence[0].toUpperCase() + sentence.slice(1);
}
