export { startMicCapture, pcmToBase64, type MicCapture, type MicCaptureOptions } from './startMicCapture';
export { createSessionSender } from './sessionSender';
export { useSpeechAnswer, type SpeechAnswerState, type SpeechAnswerOptions } from './useSpeechAnswer';
export { mapMediaError, mapApiError, micError, type MicError, type MicErrorCode } from './micErrors';
